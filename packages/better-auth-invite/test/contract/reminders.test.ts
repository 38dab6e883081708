// Reminders: the one email a private invitation gets again, with the same link, while it is still pending after remindAfter.
import { symmetricDecrypt } from "better-auth/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Invitation, SendUserInvitationInput } from "../../src/index";
import { type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const DAY = 86_400_000;

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  let otherAdmin: Person;
  // What the invitee's inbox would hold; the mail server can be taken down for a while.
  let mailDown = false;
  beforeAll(async () => {
    app = await startInstance(database(), {
      sendUserInvitation: async (input) => {
        if (mailDown) throw new Error("the mail server is down");
        app.outbox.push(input);
      },
    });
    [admin, otherAdmin] = await Promise.all([app.user("admin"), app.user("admin")]);
  });

  const run = (limit?: number) => app.auth.api.sendInviteReminders({ body: limit === undefined ? {} : { limit } });
  const byId = (id: string) => [{ field: "id", value: id }];
  /** Moves an invitation's reminder into the past, as time would. */
  const makeDue = async (id: string) => {
    await app.adapter.update({ model: "invite", where: byId(id), update: { remindAt: new Date(Date.now() - 1000) } });
  };
  const remindersTo = (email: string): SendUserInvitationInput[] => app.outbox.filter((sent) => sent.email === email && sent.reminder);
  const row = async (id: string): Promise<Invitation> => {
    const found = await app.invitation(id);
    if (!found) throw new Error(`no invitation ${id}`);
    return found;
  };
  const privateInvite = (body: Record<string, unknown> = {}, by: Person = admin) =>
    app.createInvite(by, { role: "moderator", email: uniqueEmail("reminded"), ...body });

  describe("scheduling", () => {
    it("schedules one reminder for an emailed private invitation, remindAfter ahead, with its token sealed and never in the clear", async () => {
      const before = Date.now();
      const { token, invitation } = await privateInvite();
      const stored = await row(invitation.id);
      expect(stored.remindAt?.getTime()).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
      expect(stored.remindAt?.getTime()).toBeLessThanOrEqual(Date.now() + 3 * DAY + 1000);
      expect(stored.sealedToken).toEqual(expect.any(String));
      expect(stored.sealedToken).not.toContain(token);
      // The database alone gives no token; with Better Auth's secret, the one the email carried.
      const context = await app.auth.$context;
      expect(await symmetricDecrypt({ key: context.secretConfig, data: stored.sealedToken ?? "" })).toBe(token);
      // The creator learns when it is due, never the sealed token.
      expect(invitation).toMatchObject({ remindAt: stored.remindAt?.toISOString() });
      expect(invitation).not.toHaveProperty("sealedToken");
    });

    it("schedules none for a shareable invitation, one sent with notify false, or one that expires before remindAfter", async () => {
      const none = [
        await app.createInvite(admin, { role: "moderator", maxUses: 5 }),
        await privateInvite({ notify: false }),
        await privateInvite({ expiresIn: 2 * 86_400 }),
      ];
      const sevenDays = await startInstance(database(), { remindAfter: 7 * 86_400 });
      none.push(await sevenDays.createInvite(admin, { role: "moderator", email: uniqueEmail("lifetime") }));
      for (const { invitation } of none) expect(await row(invitation.id)).toMatchObject({ remindAt: null, sealedToken: null });
    });

    it("with remindAfter false schedules none, and a run sends nothing and drops every sealed token left", async () => {
      const off = await startInstance(database(), { remindAfter: false });
      const made = await off.createInvite(admin, { role: "moderator", email: uniqueEmail("off") });
      expect(await row(made.invitation.id)).toMatchObject({ remindAt: null, sealedToken: null });
      const left = await privateInvite();
      await makeDue(left.invitation.id);
      expect(await off.auth.api.sendInviteReminders({ body: {} })).toEqual({ sent: 0, failed: 0, skipped: 0, hasMore: false });
      expect(off.outbox.filter((sent) => sent.reminder)).toEqual([]);
      expect(await row(left.invitation.id)).toMatchObject({ remindAt: null, sealedToken: null });
    });
  });

  describe("sending", () => {
    it("sends nothing before it is due; once due, one reminder with the same link, then never a second", async () => {
      const { token, url, invitation } = await privateInvite();
      expect(await run()).toMatchObject({ sent: 0 });
      expect(remindersTo(invitation.email ?? "")).toEqual([]);

      await makeDue(invitation.id);
      expect(await run()).toEqual({ sent: 1, failed: 0, skipped: 0, hasMore: false });
      expect(remindersTo(invitation.email ?? "")).toMatchObject([
        { token, url, reminder: true, role: "moderator", newAccount: true, inviter: { id: admin.id }, invitation: { id: invitation.id } },
      ]);
      expect(await row(invitation.id)).toMatchObject({ remindAt: null, sealedToken: null, status: "pending" });
      const reminded = (await app.eventsOf(invitation.id)).filter((event) => event.type === "reminded");
      expect(reminded).toMatchObject([{ actorUserId: null, actorEmail: null, details: { to: invitation.email } }]);

      expect(await run()).toMatchObject({ sent: 0 });
      expect(remindersTo(invitation.email ?? "")).toHaveLength(1);
    });

    it("carries a link that works: the invitee accepts with the token the reminder holds", async () => {
      const invitee = await app.user();
      const { invitation } = await privateInvite({ email: invitee.email });
      await makeDue(invitation.id);
      expect(await run()).toMatchObject({ sent: 1 });
      const [reminder] = remindersTo(invitee.email);
      // Someone who signed up since gets an upgrade's wording, as a resend would tell them.
      expect(reminder).toMatchObject({ newAccount: false, name: invitee.name });
      expect(await app.accept(invitee, reminder?.token ?? "")).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("two overlapping runs send each due reminder exactly once", async () => {
      const made = await Promise.all(Array.from({ length: 6 }, () => privateInvite()));
      for (const { invitation } of made) await makeDue(invitation.id);
      const runs = await Promise.all([run(), run()]);
      expect(runs.reduce((total, answer) => total + answer.sent, 0)).toBe(6);
      expect(runs.every((answer) => answer.failed === 0 && answer.skipped === 0)).toBe(true);
      for (const { invitation } of made) expect(remindersTo(invitation.email ?? ""), invitation.id).toHaveLength(1);
      const events = await Promise.all(made.map(async ({ invitation }) => app.eventsOf(invitation.id)));
      expect(events.map((list) => list.filter((event) => event.type === "reminded").length)).toEqual([1, 1, 1, 1, 1, 1]);
    });

    it("sends at most limit per run, oldest first; hasMore says more are due", async () => {
      const made = [await privateInvite(), await privateInvite(), await privateInvite()];
      for (const [index, { invitation }] of made.entries()) {
        await app.adapter.update({
          model: "invite",
          where: byId(invitation.id),
          update: { remindAt: new Date(Date.now() - (10 - index) * 1000) },
        });
      }
      expect(await run(2)).toEqual({ sent: 2, failed: 0, skipped: 0, hasMore: true });
      expect(made.map(({ invitation }) => remindersTo(invitation.email ?? "").length)).toEqual([1, 1, 0]);
      expect(await run(2)).toEqual({ sent: 1, failed: 0, skipped: 0, hasMore: false });
    });

    it("a send that fails is due again at the next run, and goes out then", async () => {
      const { token, invitation } = await privateInvite();
      await makeDue(invitation.id);
      const due = await row(invitation.id);
      mailDown = true;
      try {
        expect(await run()).toEqual({ sent: 0, failed: 1, skipped: 0, hasMore: false });
      } finally {
        mailDown = false;
      }
      expect(await row(invitation.id)).toMatchObject({ remindAt: due.remindAt, sealedToken: due.sealedToken });
      expect((await app.eventsOf(invitation.id)).map((event) => event.type)).not.toContain("reminded");
      expect(app.logged.at(-1)?.message).toContain(`Could not send the reminder of invitation ${invitation.id}`);

      expect(await run()).toMatchObject({ sent: 1, failed: 0 });
      expect(remindersTo(invitation.email ?? "")).toMatchObject([{ token }]);
    });
  });

  describe("what ends a reminder", () => {
    it("an invitation that ended (accepted, canceled, declined, expired, its creator removed) is never reminded, and drops its sealed token", async () => {
      const creator = await app.user("admin");
      const [accepted, canceled, declined, expired, orphaned] = await Promise.all([
        privateInvite(),
        privateInvite(),
        privateInvite(),
        privateInvite(),
        privateInvite({}, creator),
      ]);
      const sealed = new Map<string, string | null>();
      for (const { invitation } of [accepted, canceled, declined, expired, orphaned]) {
        sealed.set(invitation.id, (await row(invitation.id)).sealedToken);
      }
      const acceptor = await app.user("user", { email: accepted.invitation.email ?? "" });
      expect((await app.accept(acceptor, accepted.token)).status).toBe(200);
      expect((await app.call("/invite/cancel", { body: { id: canceled.invitation.id }, jar: admin.jar })).status).toBe(200);
      const decliner = await app.user("user", { email: declined.invitation.email ?? "" });
      expect((await app.call("/invite/reject", { body: { token: declined.token }, jar: decliner.jar })).status).toBe(200);
      expect((await app.call("/admin/remove-user", { body: { userId: creator.id }, jar: admin.jar })).status).toBe(200);
      for (const { invitation } of [accepted, canceled, declined, orphaned]) {
        expect(await row(invitation.id), invitation.id).toMatchObject({ remindAt: null, sealedToken: null });
      }

      // Even a reminder left behind (written by SQL, or by an older version) is never sent for them, and is dropped.
      await app.expire(expired.invitation.id);
      for (const { invitation } of [accepted, canceled, declined, expired, orphaned]) {
        await app.adapter.update({
          model: "invite",
          where: byId(invitation.id),
          update: { remindAt: new Date(Date.now() - 1000), sealedToken: sealed.get(invitation.id) },
        });
      }
      expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 0, hasMore: false });
      for (const { invitation } of [accepted, canceled, declined, expired, orphaned]) {
        expect(remindersTo(invitation.email ?? ""), invitation.id).toEqual([]);
        expect(await row(invitation.id), invitation.id).toMatchObject({ remindAt: null, sealedToken: null });
      }
    });

    it("a creator who may no longer grant the role sends no reminder: it is dropped, with a refused event", async () => {
      const creator = await app.user("admin");
      const { invitation } = await privateInvite({}, creator);
      await app.adapter.update({ model: "user", where: byId(creator.id), update: { role: "user" } });
      await makeDue(invitation.id);
      expect(await run()).toEqual({ sent: 0, failed: 0, skipped: 1, hasMore: false });
      expect(remindersTo(invitation.email ?? "")).toEqual([]);
      expect(await row(invitation.id)).toMatchObject({ remindAt: null, sealedToken: null });
      expect((await app.eventsOf(invitation.id)).filter((event) => event.type === "refused")).toMatchObject([
        { actorUserId: null, details: { action: "remind", code: "INVITER_NOT_ALLOWED" } },
      ]);
    });

    it("a resend moves the reminder and seals the new token: the reminder carries the new link, and the old one stays dead", async () => {
      const invitee = await app.user();
      const first = await privateInvite({ email: invitee.email });
      const scheduled = await row(first.invitation.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await app.call("/invite/resend", { body: { id: first.invitation.id }, jar: otherAdmin.jar })).status).toBe(200);
      const moved = await row(first.invitation.id);
      expect(moved.remindAt?.getTime()).toBeGreaterThan(scheduled.remindAt?.getTime() ?? Infinity);
      expect(moved.sealedToken).not.toBe(scheduled.sealedToken);
      const newToken = app.lastTokenSentTo(invitee.email);

      await makeDue(first.invitation.id);
      expect(await run()).toMatchObject({ sent: 1 });
      expect(remindersTo(invitee.email)).toMatchObject([{ token: newToken, inviter: { id: admin.id } }]);
      expect(await app.accept(invitee, first.token)).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });
      expect(await app.accept(invitee, newToken)).toMatchObject({ status: 200 });
    });

    it("a resend whose email fails puts the reminder it replaced back, as it was", async () => {
      const { invitation } = await privateInvite();
      const scheduled = await row(invitation.id);
      mailDown = true;
      try {
        expect((await app.call("/invite/resend", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(502);
      } finally {
        mailDown = false;
      }
      expect(await row(invitation.id)).toMatchObject({ remindAt: scheduled.remindAt, sealedToken: scheduled.sealedToken });
    });
  });

  it("is not reachable over HTTP: POST /invite/send-reminders answers 404, even to an admin, and sends nothing", async () => {
    const { invitation } = await privateInvite();
    await makeDue(invitation.id);
    for (const jar of [admin.jar, null]) {
      expect((await app.call("/invite/send-reminders", { body: {}, jar })).status).toBe(404);
    }
    expect(remindersTo(invitation.email ?? "")).toEqual([]);
    expect(await run()).toMatchObject({ sent: 1 });
  });
});
