// After create: decline, cancel, resend, the list and the event log, and the hooks around them.
import { beforeAll, describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { z } from "zod";
import type { InviteHooks } from "../../src/index";
import { type CreatedInvite, type Instance, invitationAnswer, type Person, startInstance, uniqueEmail } from "../support/instance";
import { CookieJar } from "../support/http";
import { describeTargets, targets, useDatabase } from "../support/targets";

const listAnswer = z.object({
  invitations: z.array(
    invitationAnswer.extend({
      createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }),
      uses: z.array(
        z.object({
          usedAt: z.string(),
          previousRole: z.string().nullable(),
          newRole: z.string(),
          user: z.object({ id: z.string(), email: z.string() }),
        }),
      ),
    }),
  ),
  hasMore: z.boolean(),
  limit: z.number(),
  offset: z.number(),
  total: z.number().optional(),
});

const eventsAnswer = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }).nullable(),
      details: z.record(z.string(), z.unknown()),
      invitation: z.object({ id: z.string() }),
    }),
  ),
  hasMore: z.boolean(),
});

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  let otherAdmin: Person;
  beforeAll(async () => {
    app = await startInstance(database());
    [admin, otherAdmin] = await Promise.all([app.user("admin"), app.user("admin")]);
  });

  const cancel = (by: Person | null, id: string) => app.call("/invite/cancel", { body: { id }, jar: by?.jar ?? null });
  const resend = (by: Person | null, id: string) => app.call("/invite/resend", { body: { id }, jar: by?.jar ?? null });
  const reject = (by: Person | null, token: string) => app.call("/invite/reject", { body: { token }, jar: by?.jar ?? null });

  describe("POST /invite/reject", () => {
    it("lets the invitee decline a private invitation: status rejected, no role, and it is refused afterwards with 410", async () => {
      const invitee = await app.user();
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", email: invitee.email.toUpperCase() });
      const reply = await reject(invitee, token);
      expect(reply).toMatchObject({
        status: 200,
        body: { invitation: { id: invitation.id, status: "rejected", displayStatus: "rejected" } },
      });
      expect(reply.text).not.toContain(token);
      expect(await app.invitation(invitation.id)).toMatchObject({ status: "rejected", activeEmail: null });
      expect(await app.accept(invitee, token)).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await reject(invitee, token)).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await app.roleOf(invitee.id)).toBe("user");
    });

    it("clears the invitation kept from the emailed link, so the next sign-in accepts nothing", async () => {
      const invitee = await app.user();
      const { url, token } = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      await app.openLink(url, invitee.jar);
      expect(invitee.jar.has("invite_token")).toBe(true);
      expect((await reject(invitee, token)).status).toBe(200);
      expect(invitee.jar.has("invite_token")).toBe(false);
      const signedIn = await app.call("/sign-in/email", { body: { email: invitee.email, password: invitee.password }, jar: invitee.jar });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).not.toHaveProperty("invite");
    });

    it("refuses anyone else (403 EMAIL_MISMATCH), a public invitation (400 INVITE_IS_NOT_PRIVATE), and no session (401)", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("intended") });
      expect(await reject(await app.user(), token)).toMatchObject({ status: 403, body: { code: "EMAIL_MISMATCH" } });
      expect(await reject(null, token)).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      expect(await app.invitation(invitation.id)).toMatchObject({ status: "pending" });
      const shared = await app.createInvite(admin, { role: "moderator" });
      expect(await reject(await app.user(), shared.token)).toMatchObject({ status: 400, body: { code: "INVITE_IS_NOT_PRIVATE" } });
    });
  });

  describe("POST /invite/cancel", () => {
    it("lets its creator cancel it, changes no other invitation, and accepting it is refused at once with 410 INVITE_CANCELED", async () => {
      const others = await Promise.all([
        app.createInvite(admin, { role: "moderator", maxUses: 2 }),
        app.createInvite(admin, { role: "user", maxUses: null }),
      ]);
      const { token, invitation } = await app.createInvite(admin, { role: "moderator" });
      const reply = await cancel(admin, invitation.id);
      expect(reply).toMatchObject({
        status: 200,
        body: { invitation: { id: invitation.id, status: "canceled", displayStatus: "canceled" } },
      });
      expect(reply.text).not.toContain(token);
      for (const other of others) expect(await app.invitation(other.invitation.id)).toMatchObject({ status: "pending", useCount: 0 });
      expect(await app.accept(await app.user(), token)).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
    });

    it("lets another admin cancel it, and refuses a non-admin who did not create it with 403 INSUFFICIENT_PERMISSIONS", async () => {
      const { invitation } = await app.createInvite(admin, { role: "moderator" });
      for (const role of ["user", "moderator"] as const) {
        expect(await cancel(await app.user(role), invitation.id)).toMatchObject({
          status: 403,
          body: { code: "INSUFFICIENT_PERMISSIONS" },
        });
      }
      expect(await cancel(null, invitation.id)).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      expect(await cancel(otherAdmin, invitation.id)).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
    });

    it("refuses an unknown id (404 INVALID_TOKEN), a second cancel (410 INVITE_CANCELED) and a used invitation (409), and may cancel an expired one", async () => {
      expect(await cancel(admin, "no-such-invitation")).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
      const once = await app.createInvite(admin, { role: "user" });
      expect((await cancel(admin, once.invitation.id)).status).toBe(200);
      expect(await cancel(admin, once.invitation.id)).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });

      const used = await app.createInvite(admin, { role: "moderator" });
      const invitee = await app.user();
      expect((await app.accept(invitee, used.token)).status).toBe(200);
      expect(await cancel(admin, used.invitation.id)).toMatchObject({ status: 409, body: { code: "NO_USES_LEFT_FOR_INVITE" } });
      expect(await app.roleOf(invitee.id)).toBe("moderator");

      const expired = await app.createInvite(admin, { role: "user" });
      await app.expire(expired.invitation.id);
      expect(await cancel(admin, expired.invitation.id)).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });
    });
  });

  describe("POST /invite/resend", () => {
    it("gives a private invitation a new token and its own lifetime again: the old token stops working, the new one works", async () => {
      const invitee = await app.user();
      const first = await app.createInvite(admin, { role: "moderator", email: invitee.email, expiresIn: 3600 });
      const before = Date.now();
      const reply = await resend(admin, first.invitation.id);
      expect(reply).toMatchObject({
        status: 200,
        body: { invitation: { id: first.invitation.id, status: "pending", email: invitee.email, newAccount: false } },
      });
      const renewed = invitationAnswer.parse(z.object({ invitation: z.unknown() }).parse(reply.body).invitation);
      // An hour-long invitation is good for an hour again, not for the default 7 days (issue 16, defect 10).
      expect(new Date(renewed.expiresAt).getTime() - before).toBeGreaterThan(3_600_000 - 60_000);
      expect(new Date(renewed.expiresAt).getTime() - before).toBeLessThanOrEqual(3_600_000 + 60_000);

      const newToken = app.lastTokenSentTo(invitee.email);
      expect(newToken).not.toBe(first.token);
      expect(reply.text).not.toContain(newToken);
      // The old link says a newer email replaced it, not that it was copied wrong, and tells its holder no address.
      const oldLookUp = await app.lookUp(first.token);
      expect(oldLookUp).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });
      expect(oldLookUp.text).not.toContain(invitee.email);
      expect(await app.accept(invitee, first.token)).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });
      expect(await reject(invitee, first.token)).toMatchObject({ status: 410, body: { code: "INVITE_LINK_REPLACED" } });
      expect(await app.call("/invite/activate", { body: { token: first.token }, jar: null })).toMatchObject({
        status: 410,
        body: { code: "INVITE_LINK_REPLACED" },
      });
      expect(await app.invitation(first.invitation.id)).toMatchObject({ previousTokenHash: expect.any(String) });
      expect(reply.text).not.toContain("previousTokenHash");
      expect(await app.accept(invitee, newToken)).toMatchObject({ status: 200, body: { role: "moderator", previousRole: "user" } });
    });

    it("keeps the invitation's lifetime over several resends: measured from the latest, it neither grows nor shrinks", async () => {
      const { invitation } = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("lifetime"), expiresIn: 86_400 });
      for (let round = 0; round < 3; round++) {
        const reply = await resend(admin, invitation.id);
        expect(reply.status, reply.text).toBe(200);
        const renewed = invitationAnswer.parse(z.object({ invitation: z.unknown() }).parse(reply.body).invitation);
        expect(Math.abs(new Date(renewed.expiresAt).getTime() - Date.now() - 86_400_000)).toBeLessThan(60_000);
      }
    });

    it("forgets a replaced code: an old code answers INVALID_TOKEN, like one never issued, so guessing learns nothing", async () => {
      const invitee = await app.user();
      const first = await app.createInvite(admin, { role: "moderator", email: invitee.email, tokenType: "code" });
      expect((await resend(admin, first.invitation.id)).status).toBe(200);
      expect(await app.lookUp(first.token)).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
      expect(await app.accept(invitee, first.token)).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
    });

    it("a resend whose email fails puts the old token back whole: the old link works and is not called replaced", async () => {
      const invitee = await app.user();
      const first = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      const failing = await startInstance(database(), {
        sendUserInvitation: async () => {
          throw new Error("The mail server is down");
        },
      });
      expect((await failing.call("/invite/resend", { body: { id: first.invitation.id }, jar: admin.jar })).status).toBe(502);
      expect(await app.invitation(first.invitation.id)).toMatchObject({ previousTokenHash: null });
      expect((await app.lookUp(first.token)).status).toBe(200);
    });

    it("brings an expired private invitation back to life", async () => {
      const invitee = await app.user();
      const { invitation } = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      await app.expire(invitation.id);
      expect(await resend(otherAdmin, invitation.id)).toMatchObject({ status: 200, body: { invitation: { displayStatus: "pending" } } });
      expect(await app.accept(invitee, app.lastTokenSentTo(invitee.email))).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("refuses a public invitation (400), a used one (409), a canceled one (410) and a non-admin stranger (403), and sends nothing", async () => {
      const shared = await app.createInvite(admin, { role: "user" });
      expect(await resend(admin, shared.invitation.id)).toMatchObject({ status: 400, body: { code: "INVITE_IS_NOT_PRIVATE" } });

      const invitee = await app.user();
      const used = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      expect((await app.accept(invitee, used.token)).status).toBe(200);
      const canceled = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("canceled") });
      expect((await cancel(admin, canceled.invitation.id)).status).toBe(200);
      const pending = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("pending") });
      const sent = app.outbox.length;

      expect(await resend(admin, used.invitation.id)).toMatchObject({ status: 409, body: { code: "NO_USES_LEFT_FOR_INVITE" } });
      expect(await resend(admin, canceled.invitation.id)).toMatchObject({ status: 410, body: { code: "INVITE_CANCELED" } });
      expect(await resend(await app.user("moderator"), pending.invitation.id)).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
      expect(await resend(null, pending.invitation.id)).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      expect(app.outbox.length).toBe(sent);
      expect((await app.lookUp(pending.token)).status).toBe(200);
    });
  });

  describe("GET /invite/list", () => {
    async function list(by: Person, query: Record<string, string | number>) {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
      const reply = await app.call(`/invite/list?${search}`, { jar: by.jar });
      expect(reply.status, reply.text).toBe(200);
      return { text: reply.text, ...listAnswer.parse(reply.body) };
    }
    const idsOf = (page: z.infer<typeof listAnswer>) => page.invitations.map((invitation) => invitation.id);

    /** Several invitations to one address at once, as a history holds them (see Instance.releaseAddress). */
    async function inviteAgain(email: string, body: Record<string, unknown> = {}): Promise<CreatedInvite> {
      const created = await app.createInvite(admin, { role: "moderator", email, ...body });
      await app.releaseAddress(created.invitation.id);
      return created;
    }

    it("filters by status: pending, used, canceled, rejected and expired", async () => {
      const email = uniqueEmail("statuses");
      const invitee = await app.user("user", { email });
      const [pending, used, canceled, rejected, expired] = [
        await inviteAgain(email),
        await inviteAgain(email),
        await inviteAgain(email),
        await inviteAgain(email),
        await inviteAgain(email),
      ];
      expect((await app.accept(invitee, used.token)).status).toBe(200);
      expect((await cancel(admin, canceled.invitation.id)).status).toBe(200);
      expect((await reject(invitee, rejected.token)).status).toBe(200);
      await app.expire(expired.invitation.id);

      for (const [status, created] of Object.entries({ pending, used, canceled, rejected, expired })) {
        const page = await list(admin, { email, status, withTotal: "true" });
        expect({ status, ids: idsOf(page), total: page.total }).toEqual({ status, ids: [created.invitation.id], total: 1 });
        expect(page.invitations[0]?.displayStatus).toBe(status);
      }
      expect((await list(admin, { email, withTotal: "true" })).total).toBe(5);
    });

    it("filters by role and by email in any case", async () => {
      const email = uniqueEmail("Filters");
      const moderatorInvite = await inviteAgain(email);
      const adminInvite = await inviteAgain(email, { role: "admin" });
      expect(idsOf(await list(admin, { email, role: "moderator" }))).toEqual([moderatorInvite.invitation.id]);
      expect(idsOf(await list(admin, { email: ` ${email.toUpperCase()} `, role: "admin" }))).toEqual([adminInvite.invitation.id]);
    });

    it("finds with q the private invitations whose address contains it, in any case, combined with the other filters", async () => {
      const tag = `find${Math.random().toString(36).slice(2, 8)}`;
      const ada = await inviteAgain(`ada.${tag}@example.com`);
      const adam = await inviteAgain(`adam.${tag}@example.org`, { role: "admin" });
      const bob = await inviteAgain(`bob.${tag}@example.com`);
      expect((await cancel(admin, bob.invitation.id)).status).toBe(200);
      const ids = (...created: CreatedInvite[]) => created.map((invite) => invite.invitation.id).reverse();

      expect(idsOf(await list(admin, { q: tag.toUpperCase() }))).toEqual(ids(ada, adam, bob));
      expect(idsOf(await list(admin, { q: ` ADA.${tag} ` }))).toEqual(ids(ada));
      expect(idsOf(await list(admin, { q: `ada`, role: "admin", limit: 100 })).filter((id) => ids(ada, adam, bob).includes(id))).toEqual(
        ids(adam),
      );
      expect(idsOf(await list(admin, { q: tag, status: "pending" }))).toEqual(ids(ada, adam));
      expect(idsOf(await list(admin, { q: tag, status: "canceled" }))).toEqual(ids(bob));
      expect(await list(admin, { q: `${tag}@example.org`, withTotal: "true" })).toMatchObject({ total: 1, hasMore: false });
      expect(idsOf(await list(admin, { q: tag, email: `bob.${tag}@example.com` }))).toEqual(ids(bob));
      expect(idsOf(await list(admin, { q: `${tag}-nobody` }))).toEqual([]);
      const pages = [await list(admin, { q: tag, limit: 2 }), await list(admin, { q: tag, limit: 2, offset: 2 })];
      expect(pages.map(idsOf)).toEqual([ids(ada, adam, bob).slice(0, 2), ids(ada, adam, bob).slice(2)]);
    });

    it(
      target.searchesWildcardsLiterally
        ? "matches % and _ in q as themselves"
        : "matches % and _ in q as LIKE's wildcards (any text, any one character), as the README says of SQLite",
      async () => {
        const tag = `wild${Math.random().toString(36).slice(2, 8)}`;
        const underscore = await inviteAgain(`first_last.${tag}@example.com`);
        const dotted = await inviteAgain(`firstxlast.${tag}@example.com`);
        const both = [dotted.invitation.id, underscore.invitation.id];
        const found = async (q: string) => idsOf(await list(admin, { q, limit: 100 })).filter((id) => both.includes(id));
        if (target.searchesWildcardsLiterally) {
          expect(await found(`first_last.${tag}`)).toEqual([underscore.invitation.id]);
          expect(await found(`%.${tag}`)).toEqual([]);
          expect(await found(`first\\_last.${tag}`)).toEqual([]);
        } else {
          expect(await found(`first_last.${tag}`)).toEqual(both);
          expect(await found(`%.${tag}`)).toEqual(both);
        }
        expect(await found(`first_last.${tag}@`)).toEqual(target.searchesWildcardsLiterally ? [underscore.invitation.id] : both);
      },
    );

    it("pages newest first with limit and offset, never repeating or skipping one; hasMore says whether a page follows", async () => {
      const email = uniqueEmail("paged");
      const created: string[] = [];
      for (let index = 0; index < 5; index++) created.push((await inviteAgain(email)).invitation.id);
      const newestFirst = [...created].reverse();
      const pages = [
        await list(admin, { email, limit: 2 }),
        await list(admin, { email, limit: 2, offset: 2 }),
        await list(admin, { email, limit: 2, offset: 4 }),
      ];
      expect(pages.map(idsOf)).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
      expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
      expect(await list(admin, { email })).toMatchObject({ limit: 20, offset: 0, hasMore: false });
      expect(await list(admin, { email })).not.toHaveProperty("total");
    });

    it("shows each use with who used it and the roles before and after, and never a token or its hash", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", maxUses: 3 });
      const code = await app.createInvite(admin, { role: "moderator", tokenType: "code" });
      const [first, second] = [await app.user(), await app.user()];
      expect((await app.accept(first, token)).status).toBe(200);
      expect((await app.accept(second, token)).status).toBe(200);

      const page = await list(admin, { status: "pending", role: "moderator", limit: 100 });
      const listed = page.invitations.find((candidate) => candidate.id === invitation.id);
      expect(listed).toMatchObject({ useCount: 2, createdBy: { id: admin.id, email: admin.email } });
      expect(listed?.uses.map((use) => [use.user.id, use.user.email, use.previousRole, use.newRole])).toEqual([
        [first.id, first.email, "user", "moderator"],
        [second.id, second.email, "user", "moderator"],
      ]);
      for (const created of [invitation.id, code.invitation.id]) {
        const tokenHash = (await app.invitation(created))?.tokenHash ?? "";
        expect(page.text).not.toContain(tokenHash);
      }
      for (const secret of [token, code.token, code.token.replace("-", "")]) expect(page.text).not.toContain(secret);
      for (const entry of page.invitations) expect(entry).not.toHaveProperty("tokenHash");
    });

    it("shows someone who is not an admin only the invitations they created", async () => {
      const creator = await app.user("moderator");
      const open = await startInstance(database(), { canCreateInvite: { statement: "invite", permissions: ["create"] } });
      const own = await open.createInvite(creator, { role: "user" });
      await app.createInvite(admin, { role: "user" });
      expect(idsOf(await list(creator, { limit: 100 }))).toEqual([own.invitation.id]);
    });

    it("needs a session, and answers a bad query with 400", async () => {
      expect(await app.call("/invite/list")).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      for (const query of [
        "limit=0",
        "limit=101",
        "offset=-1",
        "status=bogus",
        "withTotal=yes",
        "q=",
        "q=%20%20",
        `q=${"a".repeat(255)}`,
      ]) {
        expect(await app.call(`/invite/list?${query}`, { jar: admin.jar }), query).toMatchObject({
          status: 400,
          body: { code: expect.any(String) },
        });
      }
    });
  });

  describe("GET /invite/events", () => {
    const events = async (query: string, by: Person | null = admin) => app.call(`/invite/events?${query}`, { jar: by?.jar ?? null });
    const typesOf = (body: unknown) => eventsAnswer.parse(body).events.map((event) => event.type);

    it("records every event of an invitation with who acted, newest first, and filters by type", async () => {
      const invitee = await app.user();
      const { invitation } = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      expect((await resend(otherAdmin, invitation.id)).status).toBe(200);
      expect((await app.accept(invitee, app.lastTokenSentTo(invitee.email))).status).toBe(200);
      const declined = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("declines") });
      const decliner = await app.user("user", { email: declined.invitation.email ?? "" });
      expect((await reject(decliner, declined.token)).status).toBe(200);
      const revoked = await app.createInvite(admin, { role: "moderator", maxUses: 2 });
      expect((await cancel(admin, revoked.invitation.id)).status).toBe(200);

      const history = eventsAnswer.parse((await events(`inviteId=${invitation.id}`)).body).events;
      expect(history.map((event) => [event.type, event.actor?.id])).toEqual([
        ["accepted", invitee.id],
        ["resent", otherAdmin.id],
        ["emailed", admin.id],
        ["created", admin.id],
      ]);
      expect(history[0]).toMatchObject({ details: { previousRole: "user", newRole: "moderator" }, invitation: { id: invitation.id } });
      expect(history[2]).toMatchObject({ details: { to: invitee.email } });
      expect(typesOf((await events(`inviteId=${declined.invitation.id}&type=rejected`)).body)).toEqual(["rejected"]);
      expect(eventsAnswer.parse((await events(`inviteId=${revoked.invitation.id}&type=canceled`)).body).events).toMatchObject([
        { actor: { id: admin.id } },
      ]);
      expect(typesOf((await events("type=canceled&limit=100")).body).every((type) => type === "canceled")).toBe(true);
    });

    it("pages newest first without repeating or skipping an event", async () => {
      const actor = await app.user("admin");
      for (let index = 0; index < 5; index++) await app.createInvite(actor, { role: "user" });
      const seen: string[] = [];
      const more: boolean[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const page = eventsAnswer.parse((await events(`actorUserId=${actor.id}&limit=2&offset=${offset}`)).body);
        seen.push(...page.events.map((event) => event.id));
        more.push(page.hasMore);
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect([...seen].sort().reverse()).toEqual(seen);
      expect(more).toEqual([true, true, false]);
    });

    it("is for admins only (401, 403 INSUFFICIENT_PERMISSIONS), and checks its query (400)", async () => {
      expect((await events("", null)).status).toBe(401);
      expect(await events("", await app.user("moderator"))).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
      expect((await events("type=deleted")).status).toBe(400);
      expect((await events("limit=1000")).status).toBe(400);
    });
  });

  describe("inviteHooks", () => {
    type Call = { hook: keyof InviteHooks; input: Record<string, unknown> };
    let calls: Call[];
    let hooked: Instance;
    beforeAll(async () => {
      calls = [];
      const record = (hook: keyof InviteHooks) => (input: object) => {
        calls.push({ hook, input: { ...input } });
      };
      hooked = await startInstance(database(), {
        inviteHooks: {
          beforeCreateInvite: record("beforeCreateInvite"),
          afterCreateInvite: record("afterCreateInvite"),
          beforeAcceptInvite: (input) => {
            record("beforeAcceptInvite")(input);
            if (input.invitedUser.name === REFUSED) throw new APIError("FORBIDDEN", { code: "CLOSED_BY_HOOK", message: "Not now" });
          },
          afterAcceptInvite: record("afterAcceptInvite"),
          beforeCancelInvite: record("beforeCancelInvite"),
          afterCancelInvite: record("afterCancelInvite"),
          beforeResendInvite: (input) => {
            record("beforeResendInvite")(input);
            if (input.resendingUser.name === REFUSED) throw new APIError("FORBIDDEN", { code: "CLOSED_BY_HOOK", message: "Not now" });
          },
          afterResendInvite: (input) => {
            record("afterResendInvite")(input);
            if (input.resendingUser.name === BREAKS_AFTER) throw new Error("the after hook broke");
          },
          beforeRejectInvite: (input) => {
            record("beforeRejectInvite")(input);
            if (input.invitedUser.name === MAY_NOT_DECLINE) throw new APIError("FORBIDDEN", { code: "CLOSED_BY_HOOK", message: "Not now" });
          },
          afterRejectInvite: (input) => {
            record("afterRejectInvite")(input);
            if (input.invitedUser.name === BREAKS_AFTER) throw new Error("the after hook broke");
          },
        },
      });
    });
    const REFUSED = "Refused by the hook";
    const MAY_NOT_DECLINE = "May not decline";
    const BREAKS_AFTER = "Breaks the after hook";
    const called = (hook: keyof InviteHooks) => calls.filter((call) => call.hook === hook);

    it("beforeCreateInvite and afterCreateInvite get the invitation (before it has an id, then stored) and the inviter", async () => {
      calls.length = 0;
      const email = uniqueEmail("hooked");
      const { invitation } = await hooked.createInvite(admin, { role: "moderator", email });
      expect(calls.map((call) => call.hook)).toEqual(["beforeCreateInvite", "afterCreateInvite"]);
      expect(called("beforeCreateInvite")[0]?.input).toMatchObject({
        invitation: { role: "moderator", email, status: "pending" },
        inviterUser: { id: admin.id },
      });
      expect(called("beforeCreateInvite")[0]?.input.invitation).not.toHaveProperty("id");
      expect(called("afterCreateInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, role: "moderator" },
        inviterUser: { id: admin.id },
      });
    });

    it("beforeAcceptInvite and afterAcceptInvite get the invitation and the user, and after it the use and the new role", async () => {
      const { token, invitation } = await hooked.createInvite(admin, { role: "moderator", maxUses: 2 });
      const invitee = await hooked.user();
      calls.length = 0;
      expect((await hooked.accept(invitee, token)).status).toBe(200);
      expect(calls.map((call) => call.hook)).toEqual(["beforeAcceptInvite", "afterAcceptInvite"]);
      expect(called("beforeAcceptInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id },
        invitedUser: { id: invitee.id, role: "user" },
      });
      expect(called("afterAcceptInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id },
        invitedUser: { id: invitee.id, role: "moderator" },
        use: { inviteId: invitation.id, usedByUserId: invitee.id, previousRole: "user", newRole: "moderator" },
      });
    });

    it("beforeAcceptInvite that throws refuses with its own error, and spends nothing", async () => {
      const { token, invitation } = await hooked.createInvite(admin, { role: "moderator", maxUses: 2 });
      const refused = await hooked.user("user", { name: "Refused by the hook" });
      calls.length = 0;
      expect(await hooked.accept(refused, token)).toMatchObject({ status: 403, body: { code: "CLOSED_BY_HOOK" } });
      expect(calls.map((call) => call.hook)).toEqual(["beforeAcceptInvite"]);
      expect(await hooked.invitation(invitation.id)).toMatchObject({ useCount: 0, usesLeft: 2 });
      expect(await hooked.usesOf(invitation.id)).toEqual([]);
      expect(await hooked.roleOf(refused.id)).toBe("user");
    });

    it("beforeCancelInvite and afterCancelInvite get the invitation (then canceled) and who cancels it", async () => {
      const { invitation } = await hooked.createInvite(admin, { role: "user" });
      calls.length = 0;
      expect((await hooked.call("/invite/cancel", { body: { id: invitation.id }, jar: otherAdmin.jar })).status).toBe(200);
      expect(calls.map((call) => call.hook)).toEqual(["beforeCancelInvite", "afterCancelInvite"]);
      expect(called("beforeCancelInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, status: "pending" },
        cancelingUser: { id: otherAdmin.id },
      });
      expect(called("afterCancelInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, status: "canceled" },
        cancelingUser: { id: otherAdmin.id },
      });
    });

    it("beforeResendInvite and afterResendInvite get the invitation (then renewed) and who resends it", async () => {
      const invitee = await hooked.user();
      const { invitation } = await hooked.createInvite(admin, { role: "moderator", email: invitee.email, expiresIn: 3600 });
      calls.length = 0;
      expect((await hooked.call("/invite/resend", { body: { id: invitation.id }, jar: otherAdmin.jar })).status).toBe(200);
      expect(calls.map((call) => call.hook)).toEqual(["beforeResendInvite", "afterResendInvite"]);
      expect(called("beforeResendInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, expiresAt: new Date(invitation.expiresAt) },
        resendingUser: { id: otherAdmin.id },
      });
      const renewed = await hooked.invitation(invitation.id);
      expect(called("afterResendInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, tokenHash: renewed?.tokenHash, expiresAt: renewed?.expiresAt },
        resendingUser: { id: otherAdmin.id },
      });
      expect(renewed?.expiresAt.getTime()).toBeGreaterThan(new Date(invitation.expiresAt).getTime());
    });

    it("beforeResendInvite that throws refuses with its own error: nothing is sent, and the old token still works", async () => {
      const invitee = await hooked.user();
      const { token, invitation } = await hooked.createInvite(admin, { role: "moderator", email: invitee.email });
      const before = await hooked.invitation(invitation.id);
      const refuser = await hooked.user("admin", { name: REFUSED });
      const sent = hooked.outbox.length;
      calls.length = 0;
      expect(await hooked.call("/invite/resend", { body: { id: invitation.id }, jar: refuser.jar })).toMatchObject({
        status: 403,
        body: { code: "CLOSED_BY_HOOK" },
      });
      expect(calls.map((call) => call.hook)).toEqual(["beforeResendInvite"]);
      expect(hooked.outbox.length).toBe(sent);
      expect(await hooked.invitation(invitation.id)).toEqual(before);
      expect((await hooked.eventsOf(invitation.id)).map((event) => event.type).sort()).toEqual(["created", "emailed"]);
      expect(await hooked.accept(invitee, token)).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("beforeResendInvite runs after the checks: a refused resend never reaches it", async () => {
      const shared = await hooked.createInvite(admin, { role: "user" });
      calls.length = 0;
      expect((await hooked.call("/invite/resend", { body: { id: shared.invitation.id }, jar: admin.jar })).status).toBe(400);
      expect((await hooked.call("/invite/resend", { body: { id: "no-such-invitation" }, jar: admin.jar })).status).toBe(404);
      expect(calls).toEqual([]);
    });

    it("beforeRejectInvite and afterRejectInvite get the invitation (then rejected) and the invitee who declines it", async () => {
      const invitee = await hooked.user();
      const { token, invitation } = await hooked.createInvite(admin, { role: "moderator", email: invitee.email });
      calls.length = 0;
      expect((await hooked.call("/invite/reject", { body: { token }, jar: invitee.jar })).status).toBe(200);
      expect(calls.map((call) => call.hook)).toEqual(["beforeRejectInvite", "afterRejectInvite"]);
      expect(called("beforeRejectInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, status: "pending" },
        invitedUser: { id: invitee.id, email: invitee.email },
      });
      expect(called("afterRejectInvite")[0]?.input).toMatchObject({
        invitation: { id: invitation.id, status: "rejected" },
        invitedUser: { id: invitee.id },
      });
    });

    it("beforeRejectInvite that throws refuses with its own error, and the invitation stays pending and usable", async () => {
      const invitee = await hooked.user("user", { name: MAY_NOT_DECLINE });
      const { token, invitation } = await hooked.createInvite(admin, { role: "moderator", email: invitee.email });
      calls.length = 0;
      expect(await hooked.call("/invite/reject", { body: { token }, jar: invitee.jar })).toMatchObject({
        status: 403,
        body: { code: "CLOSED_BY_HOOK" },
      });
      expect(calls.map((call) => call.hook)).toEqual(["beforeRejectInvite"]);
      expect(await hooked.invitation(invitation.id)).toMatchObject({ status: "pending", activeEmail: invitee.email });
      expect((await hooked.eventsOf(invitation.id)).map((event) => event.type)).not.toContain("rejected");
      expect(await hooked.accept(invitee, token)).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("beforeRejectInvite runs after the checks: someone else's decline never reaches it", async () => {
      const { token } = await hooked.createInvite(admin, { role: "moderator", email: uniqueEmail("not-them") });
      calls.length = 0;
      expect((await hooked.call("/invite/reject", { body: { token }, jar: (await hooked.user()).jar })).status).toBe(403);
      expect(calls).toEqual([]);
    });

    it("an after hook that throws is logged, and the resend or decline it follows still answers 200 and stands", async () => {
      const breaker = await hooked.user("admin", { name: BREAKS_AFTER });
      const invitee = await hooked.user("user", { name: BREAKS_AFTER });
      const { invitation } = await hooked.createInvite(admin, { role: "moderator", email: invitee.email });
      const errorsBefore = hooked.logged.filter((entry) => entry.level === "error").length;

      expect((await hooked.call("/invite/resend", { body: { id: invitation.id }, jar: breaker.jar })).status).toBe(200);
      const newToken = hooked.lastTokenSentTo(invitee.email);
      expect((await hooked.lookUp(newToken)).status).toBe(200);
      expect((await hooked.call("/invite/reject", { body: { token: newToken }, jar: invitee.jar })).status).toBe(200);
      expect(await hooked.invitation(invitation.id)).toMatchObject({ status: "rejected" });

      const errors = hooked.logged.filter((entry) => entry.level === "error").slice(errorsBefore);
      expect(errors.map((entry) => entry.message)).toEqual([
        expect.stringContaining("afterResendInvite failed"),
        expect.stringContaining("afterRejectInvite failed"),
      ]);
    });

    it("runs none of the create hooks for a refused create", async () => {
      calls.length = 0;
      expect((await hooked.call("/invite/create", { body: { role: "user" }, jar: new CookieJar() })).status).toBe(401);
      expect((await hooked.call("/invite/create", { body: { role: "superuser" }, jar: admin.jar })).status).toBe(400);
      expect(calls).toEqual([]);
    });
  });
});
