import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, type TestApp, uniqueEmail } from "../support/app";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, openLink, rowsOf, startAppWithAdmin } from "../support/invites";

describe("the emailed link, and the invitation carried through sign-up and sign-in", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);

  async function useCount(id: string) {
    return rowsOf<{ use_count: number }>(await app.db.execute(sql`select use_count from invite where id = ${id}`))[0]?.use_count;
  }

  it("GET /invite/:token changes nothing: it keeps the token in a cookie and redirects to the accept page", async () => {
    const { url, token, invitation } = await invite({ role: "moderator" });
    const jar = new CookieJar();
    for (let scan = 0; scan < 3; scan++) {
      const response = await openLink(app, url, jar);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/invite/${token}`);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      const cookie = response.headers.getSetCookie().find((header) => header.includes("invite_token"));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/Max-Age=1800/i);
    }
    expect(await useCount(invitation.id)).toBe(0);
  });

  it("a new person who opened the link and signs up holds the role, and the sign-up still answers JSON", async () => {
    const { url, invitation } = await invite({ role: "moderator" });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const response = await app.request("/sign-up/email", {
      body: { name: "New Mod", email: uniqueEmail("newmod"), password: "new-mod-password" },
      jar,
    });
    const { status, body } = await json(response);
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
    expect(body.user).toBeDefined();
    expect(body.invite).toEqual({ accepted: true, role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
    expect(body.user.role).toBe("moderator");
    expect(await roleOf(app, body.user.id)).toBe("moderator");
    expect(await useCount(invitation.id)).toBe(1);
    expect(jar.header()).not.toContain("invite_token");
  });

  it("an account created through a private invite is verified, and takes the role", async () => {
    const email = uniqueEmail("invited");
    const { url } = await invite({ role: "admin", email });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const { body } = await json(
      await app.request("/sign-up/email", { body: { name: "Ivy", email: email.toUpperCase(), password: "ivy-password" }, jar }),
    );
    expect(body.invite).toMatchObject({ accepted: true, role: "admin" });
    expect(body.user.emailVerified).toBe(true);
  });

  it("a sign-up carrying a private invite for another address is refused before the user is created", async () => {
    const { url } = await invite({ role: "admin", email: uniqueEmail("intended") });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const intruder = uniqueEmail("intruder");
    const { status, body } = await json(
      await app.request("/sign-up/email", { body: { name: "X", email: intruder, password: "intruder-password" }, jar }),
    );
    expect(status).toBe(403);
    expect(body.code).toBe("EMAIL_MISMATCH");
    const context = await app.auth.$context;
    expect(await context.internalAdapter.findUserByEmail(intruder)).toBeNull();
  });

  it("an existing user who opened the link and signs in gets the role upgrade", async () => {
    const existing = await signedInUser(app);
    const { url } = await invite({ role: "moderator", email: existing.email });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const { status, body } = await json(
      await app.request("/sign-in/email", { body: { email: existing.email, password: existing.password }, jar }),
    );
    expect(status).toBe(200);
    expect(body.invite).toMatchObject({ accepted: true, role: "moderator", previousRole: "user" });
    expect(await roleOf(app, existing.id)).toBe("moderator");
  });

  it("a sign-in whose invite cannot be used still signs in, and says why beside it", async () => {
    const existing = await signedInUser(app);
    const { url, invitation } = await invite({ role: "moderator" });
    await app.request("/invite/cancel", { body: { id: invitation.id }, jar: admin.jar });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const { status, body } = await json(
      await app.request("/sign-in/email", { body: { email: existing.email, password: existing.password }, jar }),
    );
    expect(status).toBe(200);
    expect(body.invite).toMatchObject({ accepted: false, code: "INVITE_CANCELED" });
    expect(await roleOf(app, existing.id)).toBe("user");
  });

  describe("POST /invite/activate", () => {
    it("without a session keeps the invite and asks for sign-in or sign-up; the next sign-up accepts it", async () => {
      const { token } = await invite({ role: "moderator" });
      const jar = new CookieJar();
      const activated = await json(await app.request("/invite/activate", { body: { token, callbackURL: "/sign-up" }, jar }));
      expect(activated).toEqual({ status: 200, body: { action: "SIGN_IN_UP_REQUIRED", redirectTo: "/sign-up" } });
      const encoded = await json(await app.request("/invite/activate", { body: { token, callbackURL: "/sign-up?next=/∕x" }, jar }));
      // Returned as a redirect can carry it: a Location header holds Latin-1 at most.
      expect(encoded).toEqual({ status: 200, body: { action: "SIGN_IN_UP_REQUIRED", redirectTo: "/sign-up?next=/%E2%88%95x" } });
      const { body } = await json(
        await app.request("/sign-up/email", { body: { name: "A", email: uniqueEmail("activate"), password: "activate-password" }, jar }),
      );
      expect(body.invite).toMatchObject({ accepted: true, role: "moderator" });
    });

    it("with a session accepts at once", async () => {
      const { token } = await invite({ role: "moderator" });
      const user = await signedInUser(app);
      expect(await json(await app.request("/invite/activate", { body: { token }, jar: user.jar }))).toMatchObject({
        status: 200,
        body: { action: "ACCEPTED", role: "moderator", previousRole: "user" },
      });
    });

    it("says at once when the invite cannot be used, before anyone signs up", async () => {
      expect(await json(await app.request("/invite/activate", { body: { token: "unknown-token" } }))).toMatchObject({
        status: 404,
        body: { code: "INVALID_TOKEN" },
      });
      expect(
        await json(await app.request("/invite/activate", { body: { token: "x", callbackURL: "https://evil.example" } })),
      ).toMatchObject({
        status: 400,
        body: { code: "INVALID_REDIRECT_URL" },
      });
    });
  });
});
