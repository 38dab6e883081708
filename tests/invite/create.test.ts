import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/app";
import { json, signedInUser, type TestUser } from "../support/users";
import { startAppWithAdmin } from "../support/invites";

describe("POST /invite/create", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const create = (user: TestUser | null, body: unknown) => app.request("/invite/create", { body, jar: user?.jar });

  it("lets an admin create a shareable invite with safe defaults, and returns the raw token once", async () => {
    const before = Date.now();
    const { status, body } = await json(await create(admin, { role: "moderator" }));
    expect(status).toBe(200);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.url).toBe(`http://localhost:3000/api/auth/invite/${body.token}`);
    expect(body.invitation).toMatchObject({
      role: "moderator",
      email: null,
      tokenType: "token",
      maxUses: 1,
      useCount: 0,
      status: "pending",
      createdByUserId: admin.id,
      isPrivate: false,
      newAccount: false,
    });
    expect(body.invitation).not.toHaveProperty("tokenHash");
    const expiresIn = new Date(body.invitation.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(expiresIn).toBeLessThan(7 * 86400_000 + 60_000);
  });

  it("stores only the SHA-256 hash of the token", async () => {
    const { body } = await json(await create(admin, { role: "user" }));
    const result = await app.db.execute(sql`select token_hash from invite where id = ${body.invitation.id}`);
    const rows = ("rows" in result ? result.rows : result) as { token_hash: string }[];
    const expected = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body.token))).toString("hex");
    expect(rows[0]?.token_hash).toBe(expected);
    const raw = await app.db.execute(sql`select count(*)::int as n from invite where token_hash = ${body.token}`);
    expect((("rows" in raw ? raw.rows : raw) as { n: number }[])[0]?.n).toBe(0);
  });

  it("makes unambiguous 10-character codes when asked, which also read typed without the dash, in lower case", async () => {
    const { body } = await json(await create(admin, { role: "user", tokenType: "code" }));
    expect(body.token).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    const typed = String(body.token).replace("-", "").toLowerCase();
    expect((await app.request(`/invite/get?token=${typed}`)).status).toBe(200);
  });

  it("refuses without a session (401) and for a non-admin by default (403)", async () => {
    expect((await json(await create(null, { role: "user" }))).body).toMatchObject({ code: "USER_NOT_LOGGED_IN" });
    expect((await create(null, { role: "user" })).status).toBe(401);
    for (const role of ["user", "moderator"] as const) {
      const someone = await signedInUser(app, { role });
      const response = await json(await create(someone, { role: "user" }));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("INSUFFICIENT_PERMISSIONS");
    }
  });

  it("refuses a role the admin plugin does not define", async () => {
    const response = await json(await create(admin, { role: "superuser" }));
    expect(response).toMatchObject({ status: 400, body: { code: "ROLE_NOT_FOUND" } });
  });

  it.each([
    ["maxUses 0", { maxUses: 0 }],
    ["maxUses -1", { maxUses: -1 }],
    ["maxUses 1.5", { maxUses: 1.5 }],
    ["maxUses as a string", { maxUses: "2" }],
    ["expiresIn 0", { expiresIn: 0 }],
    ["expiresIn over a year", { expiresIn: 366 * 86400 }],
    ["expiresIn fractional", { expiresIn: 10.5 }],
    ["an unknown token type", { tokenType: "magic" }],
    ["a malformed email", { email: "not-an-email" }],
    ["a user id from the client", { createdByUserId: "someone-else" }],
    ["a use count from the client", { useCount: -5 }],
  ])("answers 400 for %s", async (_label, extra) => {
    const response = await create(admin, { role: "user", ...extra });
    expect(response.status).toBe(400);
    expect(await response.json()).toHaveProperty("code");
  });

  it("accepts null maxUses as unlimited", async () => {
    const { body } = await json(await create(admin, { role: "user", maxUses: null }));
    expect(body.invitation).toMatchObject({ maxUses: null, usesLeft: null });
  });

  it.each(["https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:alert(1)", "http://localhost:3000.evil.example/"])(
    "refuses the redirect %s",
    async (redirectToAfterUpgrade) => {
      const response = await json(await create(admin, { role: "user", redirectToAfterUpgrade }));
      expect(response).toMatchObject({ status: 400, body: { code: "INVALID_REDIRECT_URL" } });
    },
  );

  it("keeps a relative redirect or one on a trusted origin", async () => {
    for (const redirectToAfterUpgrade of ["/welcome?x=1", "http://localhost:3000/somewhere"]) {
      const { status, body } = await json(await create(admin, { role: "user", redirectToAfterUpgrade }));
      expect(status).toBe(200);
      expect(body.invitation.redirectToAfterUpgrade).toBe(redirectToAfterUpgrade);
    }
  });

  it("stores a redirect outside ASCII percent-encoded as UTF-8, so that a Location header can carry it", async () => {
    for (const [redirectToAfterUpgrade, stored] of [
      ["/∕∕evil.example", "/%E2%88%95%E2%88%95evil.example"],
      ["/welcome?name=Zoë#🙂", "/welcome?name=Zo%C3%AB#%F0%9F%99%82"],
      ["http://localhost:3000/café", "http://localhost:3000/caf%C3%A9"],
    ]) {
      const { status, body } = await json(await create(admin, { role: "user", redirectToAfterUpgrade }));
      expect(status, redirectToAfterUpgrade).toBe(200);
      expect(body.invitation.redirectToAfterUpgrade).toBe(stored);
    }
  });

  // JSON carries a lone surrogate as an escape (`"\ud800"`); a redirect cannot carry it at all.
  it.each(["/a\u0085b", "/\ud800x", "https://évil.example/"])(
    "refuses the redirect %j, which no redirect can carry or which leaves the site",
    async (redirectToAfterUpgrade) => {
      const response = await json(await create(admin, { role: "user", redirectToAfterUpgrade }));
      expect(response).toMatchObject({ status: 400, body: { code: expect.any(String) } });
    },
  );
});
