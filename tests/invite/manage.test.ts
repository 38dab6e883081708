import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, type TestApp, uniqueEmail } from "../support/app";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, inviteLinkIn, outboxFor, rowsOf, startAppWithAdmin } from "../support/invites";

describe("managing invites: cancel, resend, reject", () => {
  let app: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    otherAdmin = await signedInUser(app, { role: "admin" });
  });

  const invite = (body: Record<string, unknown>, by: TestUser = admin) => createInviteAs(app, by, body);
  const lookUp = (token: string) => app.request(`/invite/get?token=${encodeURIComponent(token)}`);
  const accept = (user: TestUser | null, token: string) => app.request("/invite/accept", { body: { token }, jar: user?.jar });
  const cancel = (user: TestUser | null, id: string) => app.request("/invite/cancel", { body: { id }, jar: user?.jar });
  const resend = (user: TestUser | null, id: string) => app.request("/invite/resend", { body: { id }, jar: user?.jar });
  const reject = (user: TestUser | null, token: string) => app.request("/invite/reject", { body: { token }, jar: user?.jar });

  async function statusOf(id: string) {
    return rowsOf<{ status: string }>(await app.db.execute(sql`select status from invite where id = ${id}`))[0]?.status;
  }

  describe("POST /invite/cancel", () => {
    it("lets its creator, an admin, cancel it; accepting it is then refused with 410 INVITE_CANCELED", async () => {
      const { token, invitation } = await invite({ role: "moderator" });
      const canceled = await cancel(admin, invitation.id);
      const text = await canceled.text();
      expect(canceled.status).toBe(200);
      expect(JSON.parse(text).invitation).toMatchObject({ id: invitation.id, status: "canceled", displayStatus: "canceled" });
      expect(JSON.parse(text).invitation).not.toHaveProperty("tokenHash");
      expect(text).not.toContain(token);

      const invitee = await signedInUser(app);
      expect(await json(await accept(invitee, token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await roleOf(app, invitee.id)).toBe("user");
    });

    it("lets another admin cancel it", async () => {
      const { invitation } = await invite({ role: "moderator" });
      expect(await json(await cancel(otherAdmin, invitation.id))).toMatchObject({
        status: 200,
        body: { invitation: { status: "canceled" } },
      });
      expect(await statusOf(invitation.id)).toBe("canceled");
    });

    it("refuses a non-admin who did not create it with 403 INSUFFICIENT_PERMISSIONS, and the invite still works", async () => {
      const { token, invitation } = await invite({ role: "moderator" });
      for (const role of ["user", "moderator"] as const) {
        const someone = await signedInUser(app, { role });
        expect(await json(await cancel(someone, invitation.id))).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
      }
      expect(await statusOf(invitation.id)).toBe("pending");
      expect((await accept(await signedInUser(app), token)).status).toBe(200);
    });

    it("needs a session: 401 USER_NOT_LOGGED_IN", async () => {
      const { invitation } = await invite({ role: "user" });
      expect(await json(await cancel(null, invitation.id))).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      expect(await statusOf(invitation.id)).toBe("pending");
    });

    it("answers 404 INVALID_TOKEN for an id no invite has", async () => {
      expect(await json(await cancel(admin, crypto.randomUUID()))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    });

    it("refuses to cancel twice with 410 INVITE_CANCELED", async () => {
      const { invitation } = await invite({ role: "user" });
      expect((await cancel(admin, invitation.id)).status).toBe(200);
      expect(await json(await cancel(admin, invitation.id))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
    });

    it("refuses to cancel a used invite with 409 NO_USES_LEFT_FOR_INVITE, and the use and role stay", async () => {
      const { token, invitation } = await invite({ role: "moderator" });
      const invitee = await signedInUser(app);
      expect((await accept(invitee, token)).status).toBe(200);
      expect(await json(await cancel(admin, invitation.id))).toMatchObject({ status: 409, body: { code: "NO_USES_LEFT_FOR_INVITE" } });
      // Still pending in the table: "used" is derived from no uses being left.
      expect(await statusOf(invitation.id)).toBe("pending");
      expect(await json(await app.request(`/invite/get?token=${encodeURIComponent(token)}`))).toMatchObject({
        body: { invitation: { status: "used" } },
      });
      expect(await roleOf(app, invitee.id)).toBe("moderator");
    });

    it("lets its creator cancel it even after losing the admin role", async () => {
      const creator = await signedInUser(app, { role: "admin", label: "demoted-creator" });
      const { token, invitation } = await invite({ role: "moderator" }, creator);
      await app.db.execute(sql`update "user" set role = 'moderator' where id = ${creator.id}`);
      expect(await json(await cancel(creator, invitation.id))).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
      expect(await json(await accept(await signedInUser(app), token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
    });

    it("may still cancel an expired invite", async () => {
      const { invitation } = await invite({ role: "user" });
      await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${invitation.id}`);
      expect(await json(await cancel(admin, invitation.id))).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
    });
  });

  describe("POST /invite/resend", () => {
    it("gives a private invite a new token: the old one stops working, the new emailed link works, and its own lifetime again", async () => {
      const invitee = await signedInUser(app, { label: "resent" });
      const first = await invite({ role: "moderator", email: invitee.email, expiresIn: 3600 });

      const before = Date.now();
      const response = await resend(admin, first.invitation.id);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const renewed = JSON.parse(text).invitation;
      expect(renewed).toMatchObject({ id: first.invitation.id, status: "pending", email: invitee.email, newAccount: false });
      expect(renewed).not.toHaveProperty("tokenHash");
      const expiresIn = new Date(renewed.expiresAt).getTime() - before;
      // The hour it was made for, not the default 7 days.
      expect(expiresIn).toBeGreaterThan(3600_000 - 60_000);
      expect(expiresIn).toBeLessThan(3600_000 + 60_000);

      const { emails } = await outboxFor(invitee.email);
      expect(emails).toHaveLength(2);
      const tokens = emails.map((email) => inviteLinkIn(email.text).token);
      expect(tokens).toContain(first.token);
      const newToken = tokens.find((token) => token !== first.token)!;
      expect(newToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(text).not.toContain(newToken);

      expect(await json(await lookUp(first.token))).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });
      expect(await json(await accept(invitee, first.token))).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });

      const { link } = inviteLinkIn(emails.find((email) => email.text.includes(newToken))!.text);
      const jar = new CookieJar();
      const opened = await app.auth.handler(new Request(link, { headers: { cookie: jar.header() } }));
      expect(opened.status).toBe(302);
      expect(opened.headers.get("location")).toBe(`/invite/${encodeURIComponent(newToken)}`);
      const shown = await json(await lookUp(newToken));
      expect(shown).toMatchObject({ status: 200, body: { invitation: { status: "pending", role: "moderator" } } });
      expect(new Date(shown.body.invitation.expiresAt).getTime()).toBe(new Date(renewed.expiresAt).getTime());
      expect(await json(await accept(invitee, newToken))).toMatchObject({ status: 200, body: { role: "moderator", previousRole: "user" } });
      expect(await roleOf(app, invitee.id)).toBe("moderator");
    });

    it("brings an expired private invite back to life", async () => {
      const invitee = await signedInUser(app, { label: "expired-resent" });
      const { token, invitation } = await invite({ role: "moderator", email: invitee.email });
      await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${invitation.id}`);
      expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "expired" } } });

      expect(await json(await resend(admin, invitation.id))).toMatchObject({
        status: 200,
        body: { invitation: { displayStatus: "pending" } },
      });
      const { emails } = await outboxFor(invitee.email);
      const newToken = emails.map((email) => inviteLinkIn(email.text).token).find((sent) => sent !== token);
      expect(newToken).toBeDefined();
      expect(await json(await lookUp(newToken!))).toMatchObject({ status: 200, body: { invitation: { status: "pending" } } });
      expect(await json(await accept(invitee, newToken!))).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("refuses to resend a used invite with 409 NO_USES_LEFT_FOR_INVITE, and sends nothing", async () => {
      const invitee = await signedInUser(app, { label: "already-joined" });
      const { token, invitation } = await invite({ role: "moderator", email: invitee.email });
      expect((await accept(invitee, token)).status).toBe(200);
      expect(await json(await resend(admin, invitation.id))).toMatchObject({ status: 409, body: { code: "NO_USES_LEFT_FOR_INVITE" } });
      expect((await outboxFor(invitee.email)).emails).toHaveLength(1);
      expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "used" } } });
    });

    it("lets another admin resend it", async () => {
      const { invitation } = await invite({ role: "user", email: uniqueEmail("other-admin-resend") });
      expect((await resend(otherAdmin, invitation.id)).status).toBe(200);
    });

    it("refuses a public invite with 400 INVITE_IS_NOT_PRIVATE, and its token keeps working", async () => {
      const { token, invitation } = await invite({ role: "user" });
      expect(await json(await resend(admin, invitation.id))).toMatchObject({ status: 400, body: { code: "INVITE_IS_NOT_PRIVATE" } });
      expect((await lookUp(token)).status).toBe(200);
    });

    it("refuses a non-admin who did not create it with 403 INSUFFICIENT_PERMISSIONS, and sends nothing", async () => {
      const email = uniqueEmail("not-resent");
      const { token, invitation } = await invite({ role: "moderator", email });
      for (const role of ["user", "moderator"] as const) {
        const someone = await signedInUser(app, { role });
        expect(await json(await resend(someone, invitation.id))).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
      }
      expect((await lookUp(token)).status).toBe(200);
      expect((await outboxFor(email)).emails).toHaveLength(1);
    });

    it("needs a session, and refuses a canceled invite with 410 INVITE_CANCELED", async () => {
      const { token, invitation } = await invite({ role: "moderator", email: uniqueEmail("canceled-resend") });
      expect(await json(await resend(null, invitation.id))).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      expect((await cancel(admin, invitation.id)).status).toBe(200);
      expect(await json(await resend(admin, invitation.id))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
    });
  });

  describe("POST /invite/reject", () => {
    it("lets the invitee decline a private invite: 200, status rejected, and accepting it is then refused with 410", async () => {
      const invitee = await signedInUser(app, { label: "decliner" });
      const { token, invitation } = await invite({ role: "moderator", email: invitee.email.toUpperCase() });
      const response = await reject(invitee, token);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(JSON.parse(text).invitation).toMatchObject({ id: invitation.id, status: "rejected", displayStatus: "rejected" });
      expect(text).not.toContain(token);
      expect(await statusOf(invitation.id)).toBe("rejected");
      expect(await json(await lookUp(token))).toMatchObject({ status: 200, body: { invitation: { status: "rejected" } } });

      expect(await json(await accept(invitee, token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await roleOf(app, invitee.id)).toBe("user");
      expect(await json(await reject(invitee, token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
    });

    it("clears the invite kept from the emailed link, so the next sign-in accepts nothing", async () => {
      const invitee = await signedInUser(app, { label: "link-decliner" });
      const { url, token } = await invite({ role: "moderator", email: invitee.email });
      const opened = await app.auth.handler(new Request(url, { headers: { cookie: invitee.jar.header() } }));
      invitee.jar.store(opened);
      expect(invitee.jar.header()).toContain("invite_token");

      expect((await reject(invitee, token)).status).toBe(200);
      expect(invitee.jar.header()).not.toContain("invite_token");
      const signedIn = await json(
        await app.request("/sign-in/email", { body: { email: invitee.email, password: invitee.password }, jar: invitee.jar }),
      );
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).not.toHaveProperty("invite");
      expect(await roleOf(app, invitee.id)).toBe("user");
    });

    it("refuses anyone else with 403 EMAIL_MISMATCH, and the invite stays pending", async () => {
      const { token, invitation } = await invite({ role: "moderator", email: uniqueEmail("intended") });
      const stranger = await signedInUser(app, { label: "stranger" });
      expect(await json(await reject(stranger, token))).toMatchObject({ status: 403, body: { code: "EMAIL_MISMATCH" } });
      expect(await json(await reject(admin, token))).toMatchObject({ status: 403, body: { code: "EMAIL_MISMATCH" } });
      expect(await statusOf(invitation.id)).toBe("pending");
    });

    it("refuses a public invite with 400 INVITE_IS_NOT_PRIVATE", async () => {
      const { token, invitation } = await invite({ role: "moderator" });
      const someone = await signedInUser(app);
      expect(await json(await reject(someone, token))).toMatchObject({ status: 400, body: { code: "INVITE_IS_NOT_PRIVATE" } });
      expect(await statusOf(invitation.id)).toBe("pending");
    });

    it("refuses an invitee whose email is not verified with 403 EMAIL_NOT_VERIFIED", async () => {
      const email = uniqueEmail("unverified-decliner");
      const invitee = await signedInUser(app, { email, emailVerified: false });
      const { token, invitation } = await invite({ role: "moderator", email });
      expect(await json(await reject(invitee, token))).toMatchObject({ status: 403, body: { code: "EMAIL_NOT_VERIFIED" } });
      expect(await statusOf(invitation.id)).toBe("pending");
    });

    it("refuses to decline an expired invite with 410 INVITE_EXPIRED", async () => {
      const invitee = await signedInUser(app, { label: "late-decliner" });
      const { token, invitation } = await invite({ role: "moderator", email: invitee.email });
      await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${invitation.id}`);
      expect(await json(await reject(invitee, token))).toMatchObject({ status: 410, body: { code: "INVITE_EXPIRED" } });
      expect(await statusOf(invitation.id)).toBe("pending");
    });

    it("needs a session (401) and a token some invite has (404)", async () => {
      const { token } = await invite({ role: "moderator", email: uniqueEmail("no-session") });
      expect(await json(await reject(null, token))).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      const someone = await signedInUser(app);
      expect(await json(await reject(someone, "no-such-token-anywhere"))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    });
  });
});
