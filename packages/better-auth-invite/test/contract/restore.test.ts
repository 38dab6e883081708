// POST /invite/restore: the Undo of a revoke, within its window, by someone who may grant the role now, on every database.
import { beforeAll, expect, it } from "vitest";
import { type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  let moderator: Person;
  beforeAll(async () => {
    // As in the README's roles: a moderator may invite (moderators and users), and is no admin.
    app = await startInstance(database(), { canCreateInvite: { statement: "invite", permissions: ["create"] } });
    admin = await app.user("admin");
    moderator = await app.user("moderator");
  });

  const cancel = (by: Person, id: string) => app.call("/invite/cancel", { body: { id }, jar: by.jar });
  const restore = (by: Person | null, id: string) => app.call("/invite/restore", { body: { id }, jar: by?.jar ?? null });
  const typesOf = async (id: string) => (await app.eventsOf(id)).sort((a, b) => a.id.localeCompare(b.id)).map((event) => event.type);

  /** Moves the invitation's latest cancel back in time, as the clock would. */
  async function ageCancel(id: string, seconds: number) {
    const [canceled] = (await app.eventsOf(id)).filter((event) => event.type === "canceled").sort((a, b) => b.id.localeCompare(a.id));
    await app.adapter.update({
      model: "inviteEvent",
      where: [{ field: "id", value: canceled?.id ?? "" }],
      update: { at: new Date(Date.now() - seconds * 1000) },
    });
  }

  it("a revoke undone at once: the invitation is pending again, its link works, and the log keeps the cancel beside a restored event", async () => {
    const created = await app.createInvite(admin, { role: "moderator" });
    expect((await cancel(admin, created.invitation.id)).status).toBe(200);
    expect(await app.lookUp(created.token)).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });

    const restored = await restore(admin, created.invitation.id);
    expect(restored, restored.text).toMatchObject({ status: 200, body: { invitation: { id: created.invitation.id, status: "pending" } } });
    expect(restored.body).toMatchObject({ invitation: { displayStatus: "pending" } });
    expect(restored.text).not.toContain(created.token);
    expect(await typesOf(created.invitation.id)).toEqual(["created", "canceled", "restored"]);
    const event = (await app.eventsOf(created.invitation.id)).find((candidate) => candidate.type === "restored");
    expect(event).toMatchObject({ actorUserId: admin.id, actorEmail: admin.email });

    expect(await app.lookUp(created.token)).toMatchObject({ status: 200, body: { invitation: { status: "pending" } } });
    const invitee = await app.user();
    expect((await app.accept(invitee, created.token)).status).toBe(200);
    expect(await app.roleOf(invitee.id)).toBe("moderator");
  });

  // The memory adapter enforces no unique index: one address may hold two live invitations there.
  if (target.serialisesWrites) {
    it("a private invitation restored takes its address back: a second invitation to it is refused again", async () => {
      const email = uniqueEmail("restored");
      const created = await app.createInvite(admin, { role: "user", email });
      expect((await cancel(admin, created.invitation.id)).status).toBe(200);
      expect((await restore(admin, created.invitation.id)).status).toBe(200);
      expect(await app.call("/invite/create", { body: { role: "user", email }, jar: admin.jar })).toMatchObject({
        status: 409,
        body: { code: "ALREADY_INVITED" },
      });
    });

    it("a revoke is not undone once a newer invitation holds the address: 409 ALREADY_INVITED, and the newer one stays the live one", async () => {
      const email = uniqueEmail("replaced");
      const first = await app.createInvite(admin, { role: "user", email });
      expect((await cancel(admin, first.invitation.id)).status).toBe(200);
      const second = await app.createInvite(admin, { role: "user", email });
      expect(await restore(admin, first.invitation.id)).toMatchObject({ status: 409, body: { code: "ALREADY_INVITED" } });
      expect(await app.invitation(first.invitation.id)).toMatchObject({ status: "canceled" });
      expect(await app.invitation(second.invitation.id)).toMatchObject({ status: "pending", activeEmail: email });
      expect(await typesOf(first.invitation.id)).toEqual(["created", "emailed", "canceled"]);
    });

    it("two restores at once: one restores it, the other answers 409 INVITE_NOT_CANCELED, and one restored event is written", async () => {
      const created = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("twice") });
      expect((await cancel(admin, created.invitation.id)).status).toBe(200);
      const answers = await Promise.all([restore(admin, created.invitation.id), restore(admin, created.invitation.id)]);
      expect(answers.map((reply) => reply.status).sort()).toEqual([200, 409]);
      expect(answers.find((reply) => reply.status === 409)?.body).toMatchObject({ code: "INVITE_NOT_CANCELED" });
      expect((await typesOf(created.invitation.id)).filter((type) => type === "restored")).toHaveLength(1);
      expect(await app.invitation(created.invitation.id)).toMatchObject({ status: "pending" });
    });
  }

  it("after the window (120 s by default) a restore is refused with 410 RESTORE_WINDOW_PASSED, and it stays revoked", async () => {
    const created = await app.createInvite(admin, { role: "moderator" });
    expect((await cancel(admin, created.invitation.id)).status).toBe(200);
    await ageCancel(created.invitation.id, 121);
    expect(await restore(admin, created.invitation.id)).toMatchObject({ status: 410, body: { code: "RESTORE_WINDOW_PASSED" } });
    expect(await app.invitation(created.invitation.id)).toMatchObject({ status: "canceled" });
    expect(await typesOf(created.invitation.id)).toEqual(["created", "canceled"]);
  });

  it("the window runs from the latest cancel: revoked, restored, revoked again, it can be restored again", async () => {
    const created = await app.createInvite(admin, { role: "moderator" });
    expect((await cancel(admin, created.invitation.id)).status).toBe(200);
    expect((await restore(admin, created.invitation.id)).status).toBe(200);
    expect((await cancel(admin, created.invitation.id)).status).toBe(200);
    expect((await restore(admin, created.invitation.id)).status).toBe(200);
    expect(await typesOf(created.invitation.id)).toEqual(["created", "canceled", "restored", "canceled", "restored"]);
  });

  it("only a revoked invitation is restored: pending, used or declined ones answer 409 INVITE_NOT_CANCELED; one expired since, 410 INVITE_EXPIRED", async () => {
    const pending = await app.createInvite(admin, { role: "moderator" });
    expect(await restore(admin, pending.invitation.id)).toMatchObject({ status: 409, body: { code: "INVITE_NOT_CANCELED" } });

    const used = await app.createInvite(admin, { role: "moderator" });
    expect((await app.accept(await app.user(), used.token)).status).toBe(200);
    expect(await restore(admin, used.invitation.id)).toMatchObject({ status: 409, body: { code: "INVITE_NOT_CANCELED" } });

    const decliner = await app.user();
    const declined = await app.createInvite(admin, { role: "moderator", email: decliner.email });
    expect((await app.call("/invite/reject", { body: { token: declined.token }, jar: decliner.jar })).status).toBe(200);
    expect(await restore(admin, declined.invitation.id)).toMatchObject({ status: 409, body: { code: "INVITE_NOT_CANCELED" } });

    const expired = await app.createInvite(admin, { role: "moderator" });
    expect((await cancel(admin, expired.invitation.id)).status).toBe(200);
    await app.expire(expired.invitation.id);
    expect(await restore(admin, expired.invitation.id)).toMatchObject({ status: 410, body: { code: "INVITE_EXPIRED" } });
    expect(await app.invitation(expired.invitation.id)).toMatchObject({ status: "canceled" });
  });

  it("needs the right to grant its role now: its creator may, someone else who is no admin may not (403), nor one who lost the role (403)", async () => {
    const own = await app.createInvite(moderator, { role: "moderator" });
    expect((await cancel(moderator, own.invitation.id)).status).toBe(200);
    const otherModerator = await app.user("moderator");
    expect(await restore(otherModerator, own.invitation.id)).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    expect((await restore(moderator, own.invitation.id)).status).toBe(200);

    const demoted = await app.user("moderator");
    const theirs = await app.createInvite(demoted, { role: "moderator" });
    expect((await cancel(demoted, theirs.invitation.id)).status).toBe(200);
    await app.adapter.update({ model: "user", where: [{ field: "id", value: demoted.id }], update: { role: "user" } });
    expect(await restore(demoted, theirs.invitation.id)).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    expect(await app.invitation(theirs.invitation.id)).toMatchObject({ status: "canceled" });
  });

  it("refuses no session (401 USER_NOT_LOGGED_IN), an unknown id (404 INVALID_TOKEN) and a bad body (400 VALIDATION_ERROR)", async () => {
    const created = await app.createInvite(admin, { role: "user" });
    expect((await cancel(admin, created.invitation.id)).status).toBe(200);
    expect(await restore(null, created.invitation.id)).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
    expect(await restore(admin, "no-such-invitation")).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    expect(await app.call("/invite/restore", { body: { id: created.invitation.id, extra: 1 }, jar: admin.jar })).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_ERROR" },
    });
    expect(await app.invitation(created.invitation.id)).toMatchObject({ status: "canceled" });
  });

  it("the funnel and the list count a restored invitation as pending, not revoked", async () => {
    const counter = await app.user("moderator");
    const created = await app.createInvite(counter, { role: "moderator", email: uniqueEmail("funnel") });
    expect((await cancel(counter, created.invitation.id)).status).toBe(200);
    expect((await app.call("/invite/funnel", { jar: counter.jar })).body).toMatchObject({ sent: 1, pending: 0, revoked: 1 });
    expect((await restore(counter, created.invitation.id)).status).toBe(200);
    expect((await app.call("/invite/funnel", { jar: counter.jar })).body).toMatchObject({ sent: 1, pending: 1, revoked: 0 });
    expect((await app.call("/invite/list?status=pending", { jar: counter.jar })).body).toMatchObject({
      invitations: [{ id: created.invitation.id, displayStatus: "pending" }],
    });
  });
});

it("restoreWindow: 0 turns restoring off; a negative window is refused when the plugin is made", async () => {
  const { invite } = await import("../../src/index");
  expect(() => invite({ restoreWindow: -1 })).toThrow(/restoreWindow/);
  expect(() => invite({ restoreWindow: 0 })).not.toThrow();
});
