// POST /invite/create in each form, who may call it, and GET /invite/get: what holding a token shows.
import { beforeAll, describe, expect, it } from "vitest";
import type { CanCreateInviteInput, InviteOptions } from "../../src/index";
import { createdAnswer, type Instance, ORIGIN, type Person, sha256Hex, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const DAY_MS = 86_400_000;
const CODE = /^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/;

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  let moderator: Person;
  let member: Person;
  beforeAll(async () => {
    app = await startInstance(database(), { generateToken: () => `custom-${crypto.randomUUID()}` });
    [admin, moderator, member] = await Promise.all([app.user("admin", { name: "Ada Admin" }), app.user("moderator"), app.user("user")]);
  });

  const create = (by: Person | null, body: unknown) => app.call("/invite/create", { body, jar: by?.jar ?? null });

  describe("POST /invite/create", () => {
    it("makes a shareable link by default: a 43-character token shown once, its link, one use for 7 days, and only its hash stored", async () => {
      const before = Date.now();
      const { token, url, invitation } = await app.createInvite(admin, { role: "moderator" });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url).toBe(`${ORIGIN}/api/auth/invite/${token}`);
      expect(invitation).toMatchObject({
        role: "moderator",
        email: null,
        tokenType: "token",
        maxUses: 1,
        useCount: 0,
        usesLeft: 1,
        status: "pending",
        displayStatus: "pending",
        isPrivate: false,
        newAccount: false,
        createdByUserId: admin.id,
        redirectToAfterUpgrade: null,
      });
      expect(invitation).not.toHaveProperty("tokenHash");
      expect(invitation).not.toHaveProperty("activeEmail");
      expect(new Date(invitation.expiresAt).getTime() - before).toBeGreaterThan(7 * DAY_MS - 60_000);
      expect(new Date(invitation.expiresAt).getTime() - before).toBeLessThan(7 * DAY_MS + 60_000);

      const row = await app.invitation(invitation.id);
      expect(row?.tokenHash).toBe(await sha256Hex(token));
      expect(await app.adapter.count({ model: "invite", where: [{ field: "tokenHash", value: token }] })).toBe(0);
      expect(await app.eventsOf(invitation.id)).toMatchObject([{ type: "created", actorUserId: admin.id }]);
    });

    it("makes a code of 10 unambiguous characters when asked, found again in lower case and without its dash", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "user", tokenType: "code" });
      expect(token).toMatch(CODE);
      expect(invitation.tokenType).toBe("code");
      const typed = token.replace("-", "").toLowerCase();
      expect(await app.lookUp(typed)).toMatchObject({ status: 200, body: { invitation: { tokenType: "code", role: "user" } } });
    });

    it("makes a custom token with generateToken, hashed like the others", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "user", tokenType: "custom" });
      expect(token).toMatch(/^custom-[0-9a-f-]{36}$/);
      expect(invitation.tokenType).toBe("custom");
      expect((await app.invitation(invitation.id))?.tokenHash).toBe(await sha256Hex(token));
      expect((await app.lookUp(token)).status).toBe(200);
    });

    it("makes a private invitation: the address trimmed and lower-cased, one use, and emailed saying whether it is a sign-up", async () => {
      const fresh = uniqueEmail("Fresh");
      const created = await app.createInvite(admin, { role: "moderator", email: `  ${fresh.toUpperCase()} ` });
      expect(created.invitation).toMatchObject({ email: fresh.toLowerCase(), isPrivate: true, maxUses: 1, newAccount: true });
      expect(app.outbox.at(-1)).toMatchObject({
        email: fresh.toLowerCase(),
        role: "moderator",
        token: created.token,
        url: created.url,
        newAccount: true,
      });
      expect(app.outbox.at(-1)?.inviter).toMatchObject({ id: admin.id });

      const existing = await app.user("user", { name: "Uma Upgrade" });
      const upgrade = await app.createInvite(admin, { role: "moderator", email: existing.email });
      expect(upgrade.invitation.newAccount).toBe(false);
      expect(app.outbox.at(-1)).toMatchObject({ email: existing.email, name: "Uma Upgrade", newAccount: false, token: upgrade.token });
      const events = await app.eventsOf(upgrade.invitation.id);
      expect(events.map((event) => event.type).sort()).toEqual(["created", "emailed"]);
    });

    it("takes a number of uses, or null for unlimited", async () => {
      expect((await app.createInvite(admin, { role: "user", maxUses: 5 })).invitation).toMatchObject({ maxUses: 5, usesLeft: 5 });
      expect((await app.createInvite(admin, { role: "user", maxUses: null })).invitation).toMatchObject({ maxUses: null, usesLeft: null });
    });

    it("sets the expiry expiresIn seconds ahead", async () => {
      const before = Date.now();
      const { invitation } = await app.createInvite(admin, { role: "user", expiresIn: 3600 });
      expect(Math.abs(new Date(invitation.expiresAt).getTime() - before - 3_600_000)).toBeLessThan(10_000);
    });

    it("keeps a redirect that is a relative path or on a trusted origin, and refuses one elsewhere with 400 INVALID_REDIRECT_URL", async () => {
      for (const redirectToAfterUpgrade of ["/welcome?x=1", `${ORIGIN}/somewhere`]) {
        expect((await app.createInvite(admin, { role: "user", redirectToAfterUpgrade })).invitation.redirectToAfterUpgrade).toBe(
          redirectToAfterUpgrade,
        );
      }
      for (const redirectToAfterUpgrade of ["https://evil.example/x", "//evil.example", "javascript:alert(1)"]) {
        expect(await create(admin, { role: "user", redirectToAfterUpgrade })).toMatchObject({
          status: 400,
          body: { code: "INVALID_REDIRECT_URL" },
        });
      }
    });

    it("with notify false sends nothing and gives the creator the link", async () => {
      const email = uniqueEmail("quiet");
      const sent = app.outbox.length;
      const reply = await create(admin, { role: "moderator", email, notify: false });
      expect(reply, reply.text).toMatchObject({
        status: 200,
        body: { token: expect.any(String), url: expect.any(String), invitation: { email } },
      });
      expect(app.outbox.length).toBe(sent);
      const { invitation } = createdAnswer.parse(reply.body);
      expect((await app.eventsOf(invitation.id)).map((event) => event.type)).toEqual(["created"]);
    });

    if (target.serialisesWrites) {
      it("refuses a second live invitation to one address with 409 ALREADY_INVITED, and sends nothing", async () => {
        const email = uniqueEmail("twice");
        await app.createInvite(admin, { role: "moderator", email });
        const sent = app.outbox.length;
        expect(await create(admin, { role: "moderator", email: email.toUpperCase() })).toMatchObject({
          status: 409,
          body: { code: "ALREADY_INVITED" },
        });
        expect(app.outbox.length).toBe(sent);
        expect(await app.adapter.count({ model: "invite", where: [{ field: "email", value: email }] })).toBe(1);
      });
    } else {
      // One live invitation per address rests on the unique index on invite.activeEmail, and the memory adapter
      // enforces no index: create does not look for a live invitation first, so even one create after another gets through.
      it("cannot keep one live invitation per address without a unique index: a second invitation to the address is created and sent", async () => {
        const email = uniqueEmail("twice");
        await app.createInvite(admin, { role: "moderator", email });
        expect((await create(admin, { role: "moderator", email })).status).toBe(200);
        expect(await app.adapter.count({ model: "invite", where: [{ field: "activeEmail", value: email }] })).toBe(2);
      });
    }

    it.each([
      ["no role", {}],
      ["maxUses 0", { role: "user", maxUses: 0 }],
      ["maxUses 1.5", { role: "user", maxUses: 1.5 }],
      ["maxUses as a string", { role: "user", maxUses: "2" }],
      ["maxUses 2 on a private invitation", { role: "user", email: "two-uses@example.com", maxUses: 2 }],
      ["expiresIn 0", { role: "user", expiresIn: 0 }],
      ["expiresIn over a year", { role: "user", expiresIn: 366 * 86_400 }],
      ["an unknown token type", { role: "user", tokenType: "magic" }],
      ["a malformed email", { role: "user", email: "not-an-email" }],
      ["a creator chosen by the client", { role: "user", createdByUserId: "someone-else" }],
    ])("answers %s with 400 and a code", async (_label, body) => {
      const reply = await create(admin, body);
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body).toMatchObject({ code: expect.any(String) });
    });

    it("refuses a role the admin plugin does not define with 400 ROLE_NOT_FOUND", async () => {
      expect(await create(admin, { role: "superuser" })).toMatchObject({ status: 400, body: { code: "ROLE_NOT_FOUND" } });
    });

    it("needs a session (401 USER_NOT_LOGGED_IN), and by default an admin (403 INSUFFICIENT_PERMISSIONS)", async () => {
      expect(await create(null, { role: "user" })).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
      for (const someone of [member, moderator]) {
        expect(await create(someone, { role: "user" })).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
      }
    });
  });

  describe("canCreateInvite", () => {
    /** The same database with other options: sessions made by `app` are valid here too. */
    const instance = (options: InviteOptions) => startInstance(database(), options);

    it("as a function decides per inviter and role, and gets the invited role and address and the inviter", async () => {
      const seen: Omit<CanCreateInviteInput, "ctx">[] = [];
      const custom = await instance({
        canCreateInvite: ({ inviterUser, invitedUser }) => {
          seen.push({ inviterUser, invitedUser });
          return inviterUser.role === "moderator" && invitedUser.role === "user";
        },
      });
      const email = uniqueEmail("by-function");
      expect((await custom.call("/invite/create", { body: { role: "user", email }, jar: moderator.jar })).status).toBe(200);
      expect(seen.at(-1)).toMatchObject({ inviterUser: { id: moderator.id, role: "moderator" }, invitedUser: { role: "user", email } });
      expect(await custom.call("/invite/create", { body: { role: "moderator" }, jar: moderator.jar })).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
      expect(await custom.call("/invite/create", { body: { role: "user" }, jar: admin.jar })).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    });

    it("as true lets anyone signed in invite, never above their own role; as false lets nobody, admins included", async () => {
      const open = await instance({ canCreateInvite: true });
      expect((await open.call("/invite/create", { body: { role: "user" }, jar: member.jar })).status).toBe(200);
      expect(await open.call("/invite/create", { body: { role: "moderator" }, jar: member.jar })).toMatchObject({
        status: 403,
        body: { code: "ROLE_ABOVE_INVITER" },
      });
      const closed = await instance({ canCreateInvite: false });
      expect(await closed.call("/invite/create", { body: { role: "user" }, jar: admin.jar })).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    });

    it.each([
      ['{ statement: "invite", permissions: ["create"] }', { statement: "invite", permissions: ["create"] }],
      ['{ permissions: ["create:invite"] }', { permissions: ["create:invite"] }],
    ])("as %s lets the roles that hold invite: create invite, up to their own role", async (_label, canCreateInvite) => {
      const byStatement = await instance({ canCreateInvite });
      expect((await byStatement.call("/invite/create", { body: { role: "moderator" }, jar: moderator.jar })).status).toBe(200);
      expect((await byStatement.call("/invite/create", { body: { role: "admin" }, jar: admin.jar })).status).toBe(200);
      expect(await byStatement.call("/invite/create", { body: { role: "admin" }, jar: moderator.jar })).toMatchObject({
        status: 403,
        body: { code: "ROLE_ABOVE_INVITER" },
      });
      expect(await byStatement.call("/invite/create", { body: { role: "user" }, jar: member.jar })).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
    });
  });

  describe("GET /invite/get", () => {
    it("shows anyone holding the token the role, status, expiry, uses and inviter's name, and changes nothing", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", maxUses: 3 });
      for (let look = 0; look < 2; look++) {
        const reply = await app.lookUp(token);
        expect(reply).toMatchObject({
          status: 200,
          body: {
            invitation: {
              role: "moderator",
              status: "pending",
              tokenType: "token",
              isPrivate: false,
              maxUses: 3,
              usesLeft: 3,
              inviterName: "Ada Admin",
              email: null,
              isForViewer: null,
              newAccount: false,
              expiresAt: invitation.expiresAt,
            },
          },
        });
      }
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0, status: "pending" });
    });

    it("never shows the inviter's email, the token or its hash, to anyone, and the invitee's address only to the invitee", async () => {
      const invitee = await app.user("user");
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", email: invitee.email });
      const tokenHash = (await app.invitation(invitation.id))?.tokenHash ?? "";
      for (const viewer of [null, member, admin]) {
        const reply = await app.lookUp(token, viewer);
        expect(reply).toMatchObject({ status: 200, body: { invitation: { isPrivate: true, email: null, isForViewer: false } } });
        for (const secret of [admin.email, invitee.email, token, tokenHash]) expect(reply.text).not.toContain(secret);
      }
      expect(await app.lookUp(token, invitee)).toMatchObject({
        status: 200,
        body: { invitation: { email: invitee.email, isForViewer: true } },
      });
    });

    it("shows expired, canceled and used invitations as such", async () => {
      const expired = await app.createInvite(admin, { role: "user" });
      await app.expire(expired.invitation.id);
      expect(await app.lookUp(expired.token)).toMatchObject({ status: 200, body: { invitation: { status: "expired" } } });

      const canceled = await app.createInvite(admin, { role: "user" });
      expect((await app.call("/invite/cancel", { body: { id: canceled.invitation.id }, jar: admin.jar })).status).toBe(200);
      expect(await app.lookUp(canceled.token)).toMatchObject({ status: 200, body: { invitation: { status: "canceled" } } });

      const used = await app.createInvite(admin, { role: "moderator" });
      expect((await app.accept(await app.user(), used.token)).status).toBe(200);
      expect(await app.lookUp(used.token)).toMatchObject({ status: 200, body: { invitation: { status: "used", usesLeft: 0 } } });
    });

    it("answers a token no invitation has with 404 INVALID_TOKEN, and bad input with 400", async () => {
      expect(await app.lookUp("no-such-token-anywhere")).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
      expect(await app.lookUp("ZZZZZ-ZZZZZ")).toMatchObject({ status: 404, body: { code: "INVALID_TOKEN" } });
      expect(await app.call("/invite/get")).toMatchObject({ status: 400, body: { code: expect.any(String) } });
      expect(await app.lookUp("x".repeat(600))).toMatchObject({ status: 400, body: { code: expect.any(String) } });
    });
  });
});
