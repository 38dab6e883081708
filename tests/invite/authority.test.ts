import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";
import { startPluginInstance } from "../support/plugin-instance";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";

/** An invitation carries its creator's authority as it is when it is used, not as it was when it was made. */
describe("an invitation never outlives its creator's authority", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const accept = (user: TestUser, token: string) => app.request("/invite/accept", { body: { token }, jar: user.jar });
  const lookUp = (token: string) => app.request(`/invite/get?token=${encodeURIComponent(token)}`);

  async function inviteRow(id: string) {
    return rowsOf<{ status: string; use_count: number }>(
      await app.db.execute(sql`select status, use_count from invite where id = ${id}`),
    )[0];
  }

  async function eventsOf(id: string) {
    return rowsOf<{ type: string; actor_user_id: string | null; details: Record<string, unknown> | null }>(
      await app.db.execute(sql`select type, actor_user_id, details from invite_event where invite_id = ${id} order by id`),
    );
  }

  /** Another admin who makes a 5-use admin link, the way the story starts. */
  async function creatorWithLink(tokenType: "token" | "code" = "token") {
    const creator = await signedInUser(app, { role: "admin" });
    const created = await createInviteAs(app, creator, { role: "admin", maxUses: 5, tokenType });
    return { creator, ...created };
  }

  it("refuses a demoted creator's link at accept (403 INVITER_NOT_ALLOWED), spends no use, grants nothing, and logs the refusal", async () => {
    const { creator, token, invitation } = await creatorWithLink();
    const first = await signedInUser(app);
    expect((await accept(first, token)).status).toBe(200);

    expect((await app.request("/admin/set-role", { body: { userId: creator.id, role: "user" }, jar: admin.jar })).status).toBe(200);
    const stranger = await signedInUser(app);
    const refused = await json(await accept(stranger, token));
    expect(refused).toMatchObject({ status: 403, body: { code: "INVITER_NOT_ALLOWED" } });
    expect(await roleOf(app, stranger.id)).toBe("user");
    expect(await inviteRow(invitation.id)).toMatchObject({ status: "pending", use_count: 1 });
    expect((await eventsOf(invitation.id)).at(-1)).toMatchObject({
      type: "refused",
      actor_user_id: stranger.id,
      details: { action: "accept", code: "INVITER_NOT_ALLOWED" },
    });
    // The accept page says so before anyone signs up for nothing.
    expect(await json(await lookUp(token))).toMatchObject({ status: 403, body: { code: "INVITER_NOT_ALLOWED" } });
  });

  it("refuses a banned creator's link, and works again once the ban is lifted and the role still allows it", async () => {
    const { creator, token } = await creatorWithLink();
    expect((await app.request("/admin/ban-user", { body: { userId: creator.id }, jar: admin.jar })).status).toBe(200);
    const stranger = await signedInUser(app);
    expect(await json(await accept(stranger, token))).toMatchObject({ status: 403, body: { code: "INVITER_NOT_ALLOWED" } });
    expect(await roleOf(app, stranger.id)).toBe("user");

    expect((await app.request("/admin/unban-user", { body: { userId: creator.id }, jar: admin.jar })).status).toBe(200);
    expect((await accept(stranger, token)).status).toBe(200);
    expect(await roleOf(app, stranger.id)).toBe("admin");
  });

  it("cancels the invitations of a removed creator, logged with who removed them, and keeps every record of their grants", async () => {
    const { creator, token, invitation } = await creatorWithLink();
    const invitee = await signedInUser(app);
    expect((await accept(invitee, token)).status).toBe(200);
    const pending = await createInviteAs(app, creator, { role: "moderator", maxUses: 2 });

    expect((await app.request("/admin/remove-user", { body: { userId: creator.id }, jar: admin.jar })).status).toBe(200);
    const stranger = await signedInUser(app);
    expect(await json(await accept(stranger, pending.token))).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
    expect((await eventsOf(pending.invitation.id)).at(-1)).toMatchObject({
      type: "canceled",
      actor_user_id: admin.id,
      details: { reason: "creator-removed" },
    });
    // The grant the removed admin made stays on record, with who they were.
    const kept = rowsOf<{ created_by_user_id: string; created_by_email: string; uses: number }>(
      await app.db.execute(
        sql`select created_by_user_id, created_by_email, (select count(*)::int from invite_use where invite_id = ${invitation.id}) as uses from invite where id = ${invitation.id}`,
      ),
    )[0];
    expect(kept).toEqual({ created_by_user_id: creator.id, created_by_email: creator.email, uses: 1 });
    expect(await roleOf(app, invitee.id)).toBe("admin");
  });

  it("refuses the link of a creator deleted behind Better Auth's back (SQL), however the account went", async () => {
    const { creator, token } = await creatorWithLink();
    await app.db.execute(sql`delete from "session" where user_id = ${creator.id}`);
    await app.db.execute(sql`delete from "account" where user_id = ${creator.id}`);
    await app.db.execute(sql`delete from "user" where id = ${creator.id}`);
    const stranger = await signedInUser(app);
    expect(await json(await accept(stranger, token))).toMatchObject({ status: 403, body: { code: "INVITER_NOT_ALLOWED" } });
  });

  it("answers a lost-authority code exactly like a code never issued", async () => {
    const { creator, token } = await creatorWithLink("code");
    await app.db.execute(sql`update "user" set role = 'moderator' where id = ${creator.id}`);
    expect(await json(await lookUp(token))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    expect(await json(await accept(await signedInUser(app), token))).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
  });

  it("refuses a demoted creator's resend: no new token, no email, and the refusal is logged", async () => {
    const creator = await signedInUser(app, { role: "admin" });
    const email = uniqueEmail("resend-demoted");
    const { invitation } = await createInviteAs(app, creator, { role: "moderator", email });
    const hashBefore = rowsOf<{ token_hash: string }>(
      await app.db.execute(sql`select token_hash from invite where id = ${invitation.id}`),
    )[0];
    await app.db.execute(sql`update "user" set role = 'user' where id = ${creator.id}`);

    expect(await json(await app.request("/invite/resend", { body: { id: invitation.id }, jar: creator.jar }))).toMatchObject({
      status: 403,
      body: { code: "INVITER_NOT_ALLOWED" },
    });
    // Nor may an admin give it a fresh 7 days: the invitation still carries only its creator's authority.
    expect(await json(await app.request("/invite/resend", { body: { id: invitation.id }, jar: admin.jar }))).toMatchObject({
      status: 403,
      body: { code: "INVITER_NOT_ALLOWED" },
    });
    expect(rowsOf(await app.db.execute(sql`select token_hash from invite where id = ${invitation.id}`))[0]).toEqual(hashBefore);
    expect((await eventsOf(invitation.id)).filter((event) => event.type === "refused")).toHaveLength(2);
  });
});

describe("with a custom canCreateInvite", () => {
  it("re-runs the app's own function against the creator as they are now", async () => {
    const allowed = new Set<string>();
    const instance = await startPluginInstance({ canCreateInvite: ({ inviterUser }) => allowed.has(inviterUser.email) });
    const creator = await instance.user("admin");
    allowed.add(creator.email);
    const { body } = await json(await instance.request("/invite/create", { body: { role: "moderator", maxUses: 3 }, jar: creator.jar }));
    const first = await instance.user();
    expect((await instance.request("/invite/accept", { body: { token: body.token }, jar: first.jar })).status).toBe(200);

    allowed.delete(creator.email);
    const second = await instance.user();
    expect(await json(await instance.request("/invite/accept", { body: { token: body.token }, jar: second.jar }))).toMatchObject({
      status: 403,
      body: { code: "INVITER_NOT_ALLOWED" },
    });
  });
});
