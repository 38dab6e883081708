import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, inviteLinkIn, outboxFor, rowsOf, startAppWithAdmin } from "../support/invites";
import { startPluginInstance } from "../support/plugin-instance";
import { json, signedInUser, type TestUser } from "../support/users";

describe("the invitation event log", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const events = async (query: string, by: TestUser | null = admin) => json(await app.request(`/invite/events?${query}`, { jar: by?.jar }));

  it("records every event of an invitation with who acted, newest first", async () => {
    const email = uniqueEmail("logged");
    const invitee = await signedInUser(app, { email });
    const { invitation } = await createInviteAs(app, admin, { role: "moderator", email });
    expect((await app.request("/invite/resend", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
    const { token } = inviteLinkIn((await outboxFor(email)).emails[0]!.text);
    expect((await app.request("/invite/accept", { body: { token }, jar: invitee.jar })).status).toBe(200);

    const { status, body } = await events(`inviteId=${invitation.id}`);
    expect(status).toBe(200);
    expect(body.events.map((event: { type: string }) => event.type)).toEqual(["accepted", "resent", "emailed", "created"]);
    const [accepted, resent, emailed, created] = body.events;
    expect(resent).toMatchObject({ actor: { id: admin.id } });
    expect(emailed).toMatchObject({ details: { to: email } });
    expect(accepted).toMatchObject({
      actor: { id: invitee.id, email },
      details: { previousRole: "user", newRole: "moderator" },
      invitation: { id: invitation.id, role: "moderator", email },
    });
    expect(created).toMatchObject({ actor: { id: admin.id, email: admin.email }, details: { role: "moderator", email } });
  });

  it("records revoking and declining, and filters by type", async () => {
    const revoked = await createInviteAs(app, admin, { role: "moderator", maxUses: 2 });
    expect((await app.request("/invite/cancel", { body: { id: revoked.invitation.id }, jar: admin.jar })).status).toBe(200);
    const email = uniqueEmail("declines");
    const invitee = await signedInUser(app, { email });
    const declined = await createInviteAs(app, admin, { role: "moderator", email });
    expect((await app.request("/invite/reject", { body: { token: declined.token }, jar: invitee.jar })).status).toBe(200);

    const canceled = await events("type=canceled&limit=100");
    expect(canceled.body.events.every((event: { type: string }) => event.type === "canceled")).toBe(true);
    expect(canceled.body.events.map((event: { invitation: { id: string } }) => event.invitation.id)).toContain(revoked.invitation.id);
    const rejected = await events(`type=rejected&inviteId=${declined.invitation.id}`);
    expect(rejected.body.events).toMatchObject([{ type: "rejected", actor: { id: invitee.id } }]);
  });

  it("pages newest first without repeating or skipping an event", async () => {
    for (let index = 0; index < 5; index++) await createInviteAs(app, admin, { role: "user" });
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await events(`type=created&limit=2&offset=${offset}`);
      seen.push(...page.body.events.map((event: { id: string }) => event.id));
      expect(page.body.hasMore).toBe(true);
    }
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("is for admins only, and checks its input", async () => {
    expect((await events("", null)).status).toBe(401);
    for (const role of ["user", "moderator"] as const) {
      expect(await events("", await signedInUser(app, { role }))).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    }
    expect((await events("type=deleted")).status).toBe(400);
    expect((await events("limit=1000")).status).toBe(400);
  });

  it("keeps every invitation, use and event when the people in them are deleted, with who they were", async () => {
    const creator = await signedInUser(app, { role: "admin" });
    const invitee = await signedInUser(app);
    const { token, invitation } = await createInviteAs(app, creator, { role: "moderator", maxUses: 3 });
    expect((await app.request("/invite/accept", { body: { token }, jar: invitee.jar })).status).toBe(200);

    for (const person of [invitee, creator]) {
      expect((await app.request("/admin/remove-user", { body: { userId: person.id }, jar: admin.jar })).status).toBe(200);
    }
    const use = rowsOf<{ used_by_user_id: string; used_by_email: string }>(
      await app.db.execute(sql`select used_by_user_id, used_by_email from invite_use where invite_id = ${invitation.id}`),
    );
    expect(use).toEqual([{ used_by_user_id: invitee.id, used_by_email: invitee.email }]);
    const { body } = await events(`inviteId=${invitation.id}`);
    expect(body.events.map((event: { type: string; actor: { email: string } }) => [event.type, event.actor.email])).toEqual([
      ["canceled", admin.email],
      ["accepted", invitee.email],
      ["created", creator.email],
    ]);
  });

  it("leaves neither the invitation nor its events behind when the email cannot be sent", async () => {
    const instance = await startPluginInstance({
      sendUserInvitation: async () => {
        throw new Error("the email provider is down");
      },
    });
    const inviter = await instance.user("admin");
    const email = uniqueEmail("unsent");
    expect(await json(await instance.request("/invite/create", { body: { role: "moderator", email }, jar: inviter.jar }))).toMatchObject({
      status: 502,
      body: { code: "ERROR_SENDING_THE_INVITATION_EMAIL" },
    });
    expect(rowsOf(await app.db.execute(sql`select id from invite where email = ${email}`))).toEqual([]);
    expect(rowsOf(await app.db.execute(sql`select id from invite_event where details->>'email' = ${email}`))).toEqual([]);
    // Nor does the failed attempt hold the address: the next invitation to it goes out.
    const working = await startPluginInstance({ sendUserInvitation: async () => {} });
    const admin2 = await working.user("admin");
    expect((await working.request("/invite/create", { body: { role: "moderator", email }, jar: admin2.jar })).status).toBe(200);
  });
});
