import { betterAuth } from "better-auth";
import Database from "better-sqlite3";
import { admin as adminPlugin } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { invite, type SendUserInvitationInput } from "../../src/index";
import { ac, roles, seedApp } from "./harness";

/*
 * The seed's role-based invitation example, one block per test, with only its import path changed
 * (`@invite-kit/better-auth` here is ../../src). Each block is configured as the example writes it.
 */

const HOUR = 60 * 60;

describe("canCreateInvite, as the example writes it", () => {
  it("as a function of { invitedUser, inviterUser, ctx }: decides per inviter and per role, with the request at hand", async () => {
    const seen: { role: string; inviterRole: string | null | undefined; hasContext: boolean }[] = [];
    const app = await seedApp({
      canCreateInvite: ({ invitedUser, inviterUser, ctx }) => {
        seen.push({ role: invitedUser.role, inviterRole: inviterUser.role, hasContext: typeof ctx.context.adapter.create === "function" });
        return inviterUser.role === "admin" && invitedUser.role !== "admin";
      },
    });
    const admin = app.clientFor((await app.person("admin")).jar);
    const user = app.clientFor((await app.person("user")).jar);

    const moderatorInvite = await admin.invite.create({ role: "moderator" });
    expect(moderatorInvite.error).toBeNull();
    expect(moderatorInvite.data?.invitation.role).toBe("moderator");

    const adminInvite = await admin.invite.create({ role: "admin" });
    expect(adminInvite.error).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });
    const byUser = await user.invite.create({ role: "user" });
    expect(byUser.error).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });

    expect(seen).toEqual([
      { role: "moderator", inviterRole: "admin", hasContext: true },
      { role: "admin", inviterRole: "admin", hasContext: true },
      { role: "user", inviterRole: "user", hasContext: true },
    ]);
  });

  it("as a boolean: true lets anyone signed in invite, within the hierarchy; false lets nobody, admins included", async () => {
    const open = await seedApp({ canCreateInvite: true });
    const user = open.clientFor((await open.person("user")).jar);
    expect((await user.invite.create({ role: "user" })).error).toBeNull();
    expect((await user.invite.create({ role: "moderator" })).error).toMatchObject({ status: 403, code: "ROLE_ABOVE_INVITER" });

    const closed = await seedApp({ canCreateInvite: false });
    const admin = closed.clientFor((await closed.person("admin")).jar);
    expect((await admin.invite.create({ role: "user" })).error).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });
  });

  it('as the example\'s statement { statement: "user can invite users with specific roles", permissions: ["create:invite"] }: admins pass, others get INSUFFICIENT_PERMISSIONS', async () => {
    const app = await seedApp({
      canCreateInvite: { statement: "user can invite users with specific roles", permissions: ["create:invite"] },
    });
    const admin = app.clientFor((await app.person("admin")).jar);
    const moderator = app.clientFor((await app.person("moderator")).jar);

    const created = await admin.invite.create({ role: "moderator" });
    expect(created.error).toBeNull();
    const refused = await moderator.invite.create({ role: "user" });
    // What the example's form looks for.
    expect(refused.error?.code === "INSUFFICIENT_PERMISSIONS").toBe(true);
    expect(refused.error?.status).toBe(403);
  });

  it("as a statement no role of the access control grants: refused when Better Auth starts, with what to declare", async () => {
    const auth = betterAuth({
      baseURL: "http://localhost:3000",
      secret: "seed-example-secret-seed-example-secret-01",
      database: new Database(":memory:"),
      plugins: [adminPlugin({ ac, roles }), invite({ canCreateInvite: { permissions: ["delete:invite"] } })],
    });
    await expect(auth.$context).rejects.toThrow(/"delete:invite", which no role of the admin plugin's access control grants/);
  });
});

describe("sendUserInvitation({ email, name, role, url, newAccount })", () => {
  it("tells a new account from a role upgrade, and its url leads to the accept page without using the invitation", async () => {
    const sent: SendUserInvitationInput[] = [];
    const app = await seedApp({
      sendUserInvitation: async (input) => {
        sent.push(input);
      },
    });
    const admin = app.clientFor((await app.person("admin")).jar);
    const existing = await app.person("user");

    expect((await admin.invite.create({ role: "moderator", email: "Newcomer@Example.com" })).error).toBeNull();
    expect((await admin.invite.create({ role: "moderator", email: existing.email })).error).toBeNull();

    expect(sent.map(({ email, role, newAccount }) => ({ email, role, newAccount }))).toEqual([
      { email: "newcomer@example.com", role: "moderator", newAccount: true },
      { email: existing.email, role: "moderator", newAccount: false },
    ]);
    const opened = await app.send(new URL(sent[1]!.url).pathname.replace(/^\/api\/auth/, ""));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toMatch(/^\/invite\//);
    expect(await app.roleOf(existing.id)).toBe("user");
  });
});

describe('defaultRedirectAfterUpgrade: "/dashboard/role-upgraded"', () => {
  it("is where accepting sends the invitee", async () => {
    const app = await seedApp({ defaultRedirectAfterUpgrade: "/dashboard/role-upgraded" });
    const admin = app.clientFor((await app.person("admin")).jar);
    const created = await admin.invite.create({ role: "moderator" });
    const invitee = await app.person("user");
    const accepted = await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(accepted.data).toEqual({ role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
  });
});

describe("inviteHooks.beforeAcceptInvite returning { user: { ...invitedUser, role } }", () => {
  async function appWhereTheHookChooses(role: string) {
    return seedApp({
      inviteHooks: {
        beforeAcceptInvite: async ({ invitedUser }) => ({ user: { ...invitedUser, role } }),
      },
    });
  }

  it("grants that role instead of the invitation's, and the use and its event record it", async () => {
    const app = await appWhereTheHookChooses("moderator");
    const admin = app.clientFor((await app.person("admin")).jar);
    const created = await admin.invite.create({ role: "user", maxUses: 2 });
    const invitee = await app.person("user");

    const accepted = await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(accepted.data).toMatchObject({ role: "moderator", previousRole: "user" });
    expect(await app.roleOf(invitee.id)).toBe("moderator");
    expect(await app.usesOf(created.data!.invitation.id)).toEqual([
      expect.objectContaining({ usedByUserId: invitee.id, previousRole: "user", newRole: "moderator" }),
    ]);
    const accepts = (await app.eventsOf(created.data!.invitation.id)).filter((event) => event.type === "accepted");
    expect(accepts).toHaveLength(1);
    expect(JSON.stringify(accepts[0]!.details)).toContain('"newRole":"moderator"');
  });

  it("never grants more than the invitation's creator may grant now: refused, nothing spent, the refusal on record", async () => {
    const app = await seedApp({
      canCreateInvite: true,
      inviteHooks: { beforeAcceptInvite: ({ invitedUser }) => ({ user: { ...invitedUser, role: "admin" } }) },
    });
    const moderator = app.clientFor((await app.person("moderator")).jar);
    const created = await moderator.invite.create({ role: "user" });
    const invitee = await app.person("user");

    const refused = await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(refused.error).toMatchObject({ status: 403, code: "INVITER_NOT_ALLOWED" });
    expect(await app.roleOf(invitee.id)).toBe("user");
    expect(await app.usesOf(created.data!.invitation.id)).toEqual([]);
    expect((await app.eventsOf(created.data!.invitation.id)).map((event) => event.type)).toContain("refused");
    const lookedUp = await app.clientFor(invitee.jar).invite.get({ query: { token: created.data!.token } });
    expect(lookedUp.data?.invitation).toMatchObject({ status: "pending", usesLeft: 1 });
  });

  it("never lowers the user's role, and refuses a role that does not exist", async () => {
    const lowering = await appWhereTheHookChooses("user");
    const admin = lowering.clientFor((await lowering.person("admin")).jar);
    const created = await admin.invite.create({ role: "admin", maxUses: 5 });
    const moderator = await lowering.person("moderator");
    const refused = await lowering.clientFor(moderator.jar).invite.accept({ token: created.data!.token });
    expect(refused.error).toMatchObject({ status: 409, code: "ROLE_WOULD_BE_LOWERED" });
    expect(await lowering.roleOf(moderator.id)).toBe("moderator");

    const unknown = await appWhereTheHookChooses("superuser");
    const unknownAdmin = unknown.clientFor((await unknown.person("admin")).jar);
    const another = await unknownAdmin.invite.create({ role: "moderator" });
    const invitee = await unknown.person("user");
    const wrong = await unknown.clientFor(invitee.jar).invite.accept({ token: another.data!.token });
    expect(wrong.error).toMatchObject({ status: 400, code: "ROLE_NOT_FOUND" });
    expect(await unknown.roleOf(invitee.id)).toBe("user");
  });

  it("changes the other fields it returns, in the same write, and leaves the id alone", async () => {
    const app = await seedApp({
      inviteHooks: {
        beforeAcceptInvite: ({ invitedUser }) => ({ user: { ...invitedUser, id: "someone-else", name: "Renamed on accept" } }),
      },
    });
    const admin = app.clientFor((await app.person("admin")).jar);
    const created = await admin.invite.create({ role: "moderator" });
    const invitee = await app.person("user");
    const accepted = await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(accepted.data?.role).toBe("moderator");
    const ctx = await app.auth.$context;
    expect(await ctx.internalAdapter.findUserById(invitee.id)).toMatchObject({ id: invitee.id, name: "Renamed on accept" });
    expect(await ctx.internalAdapter.findUserById("someone-else")).toBeNull();
  });
});

describe("inviteHooks.afterAcceptInvite({ invitation, invitedUser, ctx })", () => {
  it("runs once the role is granted, with the invitation and the user as they now are", async () => {
    const calls: { inviteId: string; role: string | null | undefined; hasContext: boolean }[] = [];
    const app = await seedApp({
      inviteHooks: {
        beforeAcceptInvite: ({ invitedUser }) => ({ user: { ...invitedUser, role: "moderator" } }),
        afterAcceptInvite: ({ invitation, invitedUser, ctx }) => {
          calls.push({ inviteId: invitation.id, role: invitedUser.role, hasContext: typeof ctx.context.adapter.findOne === "function" });
        },
      },
    });
    const admin = app.clientFor((await app.person("admin")).jar);
    const created = await admin.invite.create({ role: "user" });
    const invitee = await app.person("user");
    await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(calls).toEqual([{ inviteId: created.data!.invitation.id, role: "moderator", hasContext: true }]);
  });
});

describe("authClient.invite.create({ expiresIn }) in seconds", () => {
  it("sets the expiry that many seconds ahead, and refuses what is not a positive number of seconds", async () => {
    const app = await seedApp();
    const admin = app.clientFor((await app.person("admin")).jar);
    const before = Date.now();
    const created = await admin.invite.create({ role: "moderator", expiresIn: 2 * HOUR });
    const expiresAt = new Date(created.data!.invitation.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 2 * HOUR * 1000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 2 * HOUR * 1000 + 1000);
    expect((await admin.invite.create({ role: "moderator", expiresIn: -5 })).error?.status).toBe(400);
  });
});

describe('users with several roles ("moderator,editor")', () => {
  it("accepting replaces the role the hierarchy ranks and keeps the ones it does not", async () => {
    const app = await seedApp();
    const admin = app.clientFor((await app.person("admin")).jar);
    const created = await admin.invite.create({ role: "admin" });
    const invitee = await app.person(["moderator", "editor"]);
    const accepted = await app.clientFor(invitee.jar).invite.accept({ token: created.data!.token });
    expect(accepted.data).toMatchObject({ role: "admin", previousRole: "moderator,editor" });
    expect(await app.roleOf(invitee.id)).toBe("admin,editor");
    expect(await app.usesOf(created.data!.invitation.id)).toEqual([
      expect.objectContaining({ previousRole: "moderator,editor", newRole: "admin" }),
    ]);
  });

  it("a role the hierarchy does not rank is added beside the others, and only holding it counts as holding it", async () => {
    const sent: string[] = [];
    const app = await seedApp({ sendUserInvitation: async ({ email }) => void sent.push(email) });
    const admin = app.clientFor((await app.person("admin")).jar);
    const moderator = await app.person("moderator");
    const editorInvite = await admin.invite.create({ role: "editor", email: moderator.email });
    expect(editorInvite.error).toBeNull();
    const accepted = await app.clientFor(moderator.jar).invite.accept({ token: editorInvite.data!.token });
    expect(accepted.data).toMatchObject({ role: "editor", previousRole: "moderator" });
    expect(await app.roleOf(moderator.id)).toBe("moderator,editor");

    const again = await admin.invite.create({ role: "editor", email: moderator.email });
    expect(again.error).toMatchObject({ status: 409, code: "ALREADY_HAS_ROLE" });
    expect(sent).toEqual([moderator.email]);
  });

  it("ranks a user by their highest ranked role: as inviter, and against being lowered", async () => {
    const app = await seedApp({ canCreateInvite: true });
    const multi = app.clientFor((await app.person(["editor", "moderator"])).jar);
    expect((await multi.invite.create({ role: "moderator" })).error).toBeNull();
    expect((await multi.invite.create({ role: "admin" })).error).toMatchObject({ status: 403, code: "ROLE_ABOVE_INVITER" });

    const admin = app.clientFor((await app.person("admin")).jar);
    const userInvite = await admin.invite.create({ role: "user", maxUses: 3 });
    const holder = await app.person(["editor", "moderator"]);
    const lowered = await app.clientFor(holder.jar).invite.accept({ token: userInvite.data!.token });
    expect(lowered.error).toMatchObject({ status: 409, code: "ROLE_WOULD_BE_LOWERED" });
    expect(await app.roleOf(holder.id)).toBe("editor,moderator");
  });
});
