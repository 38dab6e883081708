import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { json, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";

describe("GET /invite/get", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);
  const lookUp = (token: string, user: TestUser | null = null) =>
    app.request(`/invite/get?token=${encodeURIComponent(token)}`, { jar: user?.jar });
  const accept = (user: TestUser, token: string) => app.request("/invite/accept", { body: { token }, jar: user.jar });

  async function tokenHashOf(id: string) {
    return rowsOf<{ token_hash: string }>(await app.db.execute(sql`select token_hash from invite where id = ${id}`))[0]!.token_hash;
  }

  it("shows a signed-out visitor the role, status, expiry, privacy, inviter's name and uses left, and changes nothing", async () => {
    const { token, invitation } = await invite({ role: "moderator", maxUses: 3 });
    for (let look = 0; look < 3; look++) {
      const { status, body } = await json(await lookUp(token));
      expect(status).toBe(200);
      expect(body.invitation).toMatchObject({
        role: "moderator",
        status: "pending",
        tokenType: "token",
        isPrivate: false,
        inviterName: "Test admin",
        maxUses: 3,
        usesLeft: 3,
        email: null,
        isForViewer: null,
      });
      expect(new Date(body.invitation.expiresAt).getTime()).toBe(new Date(invitation.expiresAt).getTime());
    }
    const [row] = rowsOf<{ use_count: number; status: string }>(
      await app.db.execute(sql`select use_count, status from invite where id = ${invitation.id}`),
    );
    expect(row).toEqual({ use_count: 0, status: "pending" });
  });

  it("answers 404 INVALID_TOKEN for a token no invite has", async () => {
    expect(await json(await lookUp("no-such-token-anywhere"))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    expect(await json(await lookUp("ZZZ-ZZZ"))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
  });

  it("never shows the inviter's email, the token or its hash, to anyone", async () => {
    const inviteeEmail = uniqueEmail("viewer");
    const invitee = await signedInUser(app, { email: inviteeEmail });
    const created = [await invite({ role: "moderator" }), await invite({ role: "moderator", email: inviteeEmail })];
    for (const { token, invitation } of created) {
      const tokenHash = await tokenHashOf(invitation.id);
      for (const viewer of [null, invitee, admin]) {
        const response = await lookUp(token, viewer);
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(text).not.toContain(admin.email);
        expect(text).not.toContain(token);
        expect(text).not.toContain(tokenHash);
        expect(JSON.parse(text).invitation).not.toHaveProperty("tokenHash");
        expect(JSON.parse(text).invitation).not.toHaveProperty("token");
      }
    }
  });

  describe("a private invite", () => {
    it("does not show its invitee's email to a signed-out visitor", async () => {
      const email = uniqueEmail("hidden");
      const { token } = await invite({ role: "moderator", email });
      const response = await lookUp(token);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).not.toContain(email);
      expect(JSON.parse(text).invitation).toMatchObject({ isPrivate: true, email: null, isForViewer: false, role: "moderator" });
    });

    it("does not show its invitee's email to someone else who is signed in", async () => {
      const email = uniqueEmail("hidden");
      const { token } = await invite({ role: "moderator", email });
      const stranger = await signedInUser(app, { label: "stranger" });
      const response = await lookUp(token, stranger);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).not.toContain(email);
      expect(JSON.parse(text).invitation).toMatchObject({ isPrivate: true, email: null, isForViewer: false });
    });

    it("shows its email to the invitee signed in with that address", async () => {
      const email = uniqueEmail("shown");
      const invitee = await signedInUser(app, { email });
      const { token } = await invite({ role: "moderator", email: email.toUpperCase() });
      expect(await json(await lookUp(token, invitee))).toMatchObject({
        status: 200,
        body: { invitation: { isPrivate: true, email, isForViewer: true, role: "moderator" } },
      });
    });
  });

  it('shows "expired" once the expiry has passed', async () => {
    const { token, invitation } = await invite({ role: "user" });
    await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${invitation.id}`);
    expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "expired" } } });
  });

  it('shows "canceled" once the invite is canceled', async () => {
    const { token, invitation } = await invite({ role: "user" });
    expect((await app.request("/invite/cancel", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
    expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
  });

  it('counts uses down, and shows "used" with no uses left once they are spent', async () => {
    const { token } = await invite({ role: "user", maxUses: 2 });
    expect((await accept(await signedInUser(app), token)).status).toBe(200);
    expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "pending", usesLeft: 1 } } });
    expect((await accept(await signedInUser(app), token)).status).toBe(200);
    expect(await json(await lookUp(token))).toMatchObject({
      status: 200,
      body: { invitation: { status: "used", usesLeft: 0, maxUses: 2 } },
    });
  });

  it("shows unlimited uses as null uses left", async () => {
    const { token } = await invite({ role: "user", maxUses: null });
    expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { maxUses: null, usesLeft: null } } });
  });

  it("finds a code typed in any case, with or without its dash", async () => {
    const { token } = await invite({ role: "moderator", tokenType: "code" });
    expect(token).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    const bare = token.replace("-", "");
    for (const typed of [token, token.toLowerCase(), bare, bare.toLowerCase(), `${bare.slice(0, 3).toLowerCase()}${bare.slice(3)}`]) {
      const { status, body } = await json(await lookUp(typed));
      expect(status, typed).toBe(200);
      expect(body.invitation, typed).toMatchObject({ role: "moderator", tokenType: "code", status: "pending" });
    }
  });

  it("treats a link token as case-sensitive", async () => {
    const { token } = await invite({ role: "user" });
    const changed = token.replace(/[a-z]/, (letter) => letter.toUpperCase());
    expect(changed).not.toBe(token);
    expect(await json(await lookUp(changed))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
  });
});
