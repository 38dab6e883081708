import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, startAppWithAdmin } from "../support/invites";

describe("POST /invite/accept", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);
  const accept = (user: TestUser | null, token: string) => app.request("/invite/accept", { body: { token }, jar: user?.jar });

  it("grants the role, records the use, and points to the welcome page", async () => {
    const { token, invitation } = await invite({ role: "moderator" });
    const invitee = await signedInUser(app);
    const response = await json(await accept(invitee, token));
    expect(response).toEqual({ status: 200, body: { role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" } });
    expect(await roleOf(app, invitee.id)).toBe("moderator");

    const session = await json(await app.request("/get-session", { jar: invitee.jar }));
    expect(session.body.user.role).toBe("moderator");

    const uses = await app.db.execute(
      sql`select used_by_user_id, previous_role, new_role from invite_use where invite_id = ${invitation.id}`,
    );
    expect("rows" in uses ? uses.rows : uses).toEqual([{ used_by_user_id: invitee.id, previous_role: "user", new_role: "moderator" }]);
  });

  it("sends the invitee to the invite's own redirect when it has one", async () => {
    const { token } = await invite({ role: "user", redirectToAfterUpgrade: "/welcome" });
    const invitee = await signedInUser(app);
    expect((await json(await accept(invitee, token))).body.redirectTo).toBe("/welcome");
  });

  it("needs a session", async () => {
    const { token } = await invite({ role: "user" });
    expect(await json(await accept(null, token))).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
  });

  it("refuses an unknown token with 404", async () => {
    const invitee = await signedInUser(app);
    expect(await json(await accept(invitee, "no-such-token"))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
  });

  it("is single use by default: the second person finds no uses left", async () => {
    const { token } = await invite({ role: "user" });
    expect((await accept(await signedInUser(app), token)).status).toBe(200);
    expect(await json(await accept(await signedInUser(app), token))).toMatchObject({
      status: 409,
      body: { code: "NO_USES_LEFT_FOR_INVITE" },
    });
  });

  it("lets one person use a multi-use invite only once", async () => {
    const { token } = await invite({ role: "user", maxUses: 5 });
    const invitee = await signedInUser(app);
    expect((await accept(invitee, token)).status).toBe(200);
    expect(await json(await accept(invitee, token))).toMatchObject({ status: 409, body: { code: "INVITE_ALREADY_ACCEPTED" } });
  });

  it("refuses an expired invite with 410", async () => {
    const { token, invitation } = await invite({ role: "user" });
    await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${invitation.id}`);
    expect(await json(await accept(await signedInUser(app), token))).toMatchObject({ status: 410, body: { code: "INVITE_EXPIRED" } });
  });

  it("refuses a canceled invite at once", async () => {
    const { token, invitation } = await invite({ role: "user" });
    expect((await app.request("/invite/cancel", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
    expect(await json(await accept(await signedInUser(app), token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
  });

  it("never lowers a role", async () => {
    const { token } = await invite({ role: "user" });
    const moderator = await signedInUser(app, { role: "moderator" });
    expect(await json(await accept(moderator, token))).toMatchObject({ status: 409, body: { code: "ROLE_WOULD_BE_LOWERED" } });
    expect(await roleOf(app, moderator.id)).toBe("moderator");
  });

  describe("a private invite", () => {
    it("is accepted by its invitee, whatever the case and spaces of the address", async () => {
      const email = uniqueEmail("Private");
      const invitee = await signedInUser(app, { email });
      const { token } = await invite({ role: "moderator", email: `  ${email.toUpperCase()} ` });
      expect((await json(await accept(invitee, token))).body.role).toBe("moderator");
    });

    it("refuses anyone else with EMAIL_MISMATCH", async () => {
      const { token } = await invite({ role: "admin", email: uniqueEmail("someone") });
      const stranger = await signedInUser(app);
      expect(await json(await accept(stranger, token))).toMatchObject({ status: 403, body: { code: "EMAIL_MISMATCH" } });
      expect(await roleOf(app, stranger.id)).toBe("user");
    });

    it("refuses an account whose email is not verified", async () => {
      const email = uniqueEmail("unverified");
      const invitee = await signedInUser(app, { email, emailVerified: false });
      const { token } = await invite({ role: "admin", email });
      expect(await json(await accept(invitee, token))).toMatchObject({ status: 403, body: { code: "EMAIL_NOT_VERIFIED" } });
      expect(await roleOf(app, invitee.id)).toBe("user");
    });
  });

  it("answers bad input with 400 and a code", async () => {
    const invitee = await signedInUser(app);
    for (const body of [{}, { token: "" }, { token: 42 }, { token: ["a"] }, { token: "x".repeat(600) }, { token: "t", role: "admin" }]) {
      const response = await app.request("/invite/accept", { body, jar: invitee.jar });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toHaveProperty("code");
    }
  });
});
