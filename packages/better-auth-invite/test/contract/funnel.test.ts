// GET /invite/funnel: the invitations of a window counted by how far they got, scoped like the list, on every database.
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const funnelAnswer = z.object({
  days: z.number(),
  since: z.string(),
  sent: z.number(),
  opened: z.number(),
  accepted: z.number(),
  pending: z.number(),
  expired: z.number(),
  revoked: z.number(),
  declined: z.number(),
  acceptanceRate: z.number().nullable(),
  series: z.array(z.object({ date: z.string(), created: z.number(), accepted: z.number() })),
});

const today = () => new Date().toISOString().slice(0, 10);

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  let inviter: Person;
  beforeAll(async () => {
    // As in the README's roles: a moderator may invite, and is no admin, so sees only their own invitations.
    app = await startInstance(database(), { canCreateInvite: { statement: "invite", permissions: ["create"] } });
    admin = await app.user("admin");
    inviter = await app.user("moderator");
  });

  async function funnelOf(person: Person | null, query = "") {
    const reply = await app.call(`/invite/funnel${query}`, { jar: person?.jar ?? null });
    expect(reply.status, reply.text).toBe(200);
    return funnelAnswer.parse(reply.body);
  }

  it("an inviter's funnel counts their own invitations of the last 30 days: sent, opened, accepted, pending, expired, revoked, declined, the rate and today's trend", async () => {
    expect(await funnelOf(inviter)).toMatchObject({ days: 30, sent: 0, opened: 0, accepted: 0, acceptanceRate: null });

    const accepter = await app.user();
    const decliner = await app.user();
    const acceptedOne = await app.createInvite(inviter, { role: "moderator", email: accepter.email });
    const openedOnly = await app.createInvite(inviter, { role: "moderator", email: uniqueEmail("opened") });
    const revoked = await app.createInvite(inviter, { role: "moderator", email: uniqueEmail("revoked") });
    const expired = await app.createInvite(inviter, { role: "moderator" });
    const declined = await app.createInvite(inviter, { role: "moderator", email: decliner.email });
    await app.createInvite(inviter, { role: "moderator" });
    // Someone else's invitation: not in this inviter's funnel.
    await app.createInvite(admin, { role: "moderator" });

    await app.openLink(acceptedOne.url, accepter.jar);
    expect((await app.accept(accepter, acceptedOne.token)).status).toBe(200);
    await app.openLink(openedOnly.url, inviter.jar.copy());
    expect((await app.call("/invite/cancel", { body: { id: revoked.invitation.id }, jar: inviter.jar })).status).toBe(200);
    await app.expire(expired.invitation.id);
    expect((await app.call("/invite/reject", { body: { token: declined.token }, jar: decliner.jar })).status).toBe(200);

    const funnel = await funnelOf(inviter);
    expect(funnel).toMatchObject({ sent: 6, opened: 2, accepted: 1, pending: 2, expired: 1, revoked: 1, declined: 1 });
    expect(funnel.acceptanceRate).toBeCloseTo(1 / 6);
    expect(funnel.series).toHaveLength(30);
    expect(funnel.series.at(-1)).toEqual({ date: today(), created: 6, accepted: 1 });
    expect(funnel.series.slice(0, -1).every((day) => day.created === 0 && day.accepted === 0)).toBe(true);
    expect(funnel.since.slice(0, 10)).toBe(funnel.series[0]?.date);
  });

  it("an admin's funnel counts everyone's invitations", async () => {
    const everyone = await app.adapter.count({ model: "invite" });
    expect((await funnelOf(admin)).sent).toBe(everyone);
  });

  it("days chooses the window: an invitation made 40 days ago counts in 90 days, not in 30, and the series has one entry a day", async () => {
    const old = await app.createInvite(inviter, { role: "moderator" });
    const before = await funnelOf(inviter);
    await app.adapter.update({
      model: "invite",
      where: [{ field: "id", value: old.invitation.id }],
      update: { createdAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    expect((await funnelOf(inviter)).sent).toBe(before.sent - 1);
    const quarter = await funnelOf(inviter, "?days=90");
    expect(quarter).toMatchObject({ days: 90, sent: before.sent });
    expect(quarter.series).toHaveLength(90);
    expect(quarter.series.reduce((sum, day) => sum + day.created, 0)).toBe(before.sent);
    expect((await funnelOf(inviter, "?days=1")).series).toHaveLength(1);
  });

  it("refuses a window outside 1 to 90 days, or not a whole number (400 VALIDATION_ERROR), and no session (401 USER_NOT_LOGGED_IN)", async () => {
    for (const days of ["0", "91", "7.5", "month"]) {
      expect(await app.call(`/invite/funnel?days=${days}`, { jar: admin.jar }), days).toMatchObject({
        status: 400,
        body: { code: "VALIDATION_ERROR" },
      });
    }
    expect(await app.call("/invite/funnel", { jar: null })).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
  });
});
