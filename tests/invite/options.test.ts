import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { authSchema } from "@/lib/db/schema";
import { invite } from "@invite-kit/better-auth";
import { CookieJar, uniqueEmail } from "../support/app";
import { type PluginInstance, startPluginInstance } from "../support/plugin-instance";
import { json, type TestUser } from "../support/users";
import { rowsOf } from "../support/invites";

// Opens and migrates this file's database once, before the first story, so no story pays for it.
beforeAll(async () => {
  await startPluginInstance();
});

const create = (instance: PluginInstance, person: TestUser, body: Record<string, unknown>) =>
  instance.request("/invite/create", { body, jar: person.jar }).then(json);
const accept = (instance: PluginInstance, person: TestUser, token: string) =>
  instance.request("/invite/accept", { body: { token }, jar: person.jar }).then(json);

describe("canCreateInvite", () => {
  it("as a function decides from the inviter and the invited role", async () => {
    const instance = await startPluginInstance({
      canCreateInvite: ({ inviterUser, invitedUser }) => inviterUser.role === "moderator" && invitedUser.role === "user",
    });
    const moderator = await instance.user("moderator");
    expect((await create(instance, moderator, { role: "user" })).status).toBe(200);
    expect(await create(instance, moderator, { role: "moderator" })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
    expect(await create(instance, await instance.user("admin"), { role: "user" })).toMatchObject({ status: 403 });
  });

  it("as a boolean allows everyone or no one, and the hierarchy still bars roles above the inviter's", async () => {
    const open = await startPluginInstance({ canCreateInvite: true });
    const user = await open.user("user");
    expect((await create(open, user, { role: "user" })).status).toBe(200);
    expect(await create(open, user, { role: "moderator" })).toMatchObject({ status: 403, body: { code: "ROLE_ABOVE_INVITER" } });
    expect(await create(open, user, { role: "admin" })).toMatchObject({ status: 403, body: { code: "ROLE_ABOVE_INVITER" } });

    const closed = await startPluginInstance({ canCreateInvite: false });
    expect(await create(closed, await closed.user("admin"), { role: "user" })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
  });

  it("as a permission statement is checked against the admin plugin's access control", async () => {
    const byStatement = await startPluginInstance({ canCreateInvite: { statement: "post", permissions: ["update"] } });
    expect((await create(byStatement, await byStatement.user("moderator"), { role: "user" })).status).toBe(200);
    expect(await create(byStatement, await byStatement.user("user"), { role: "user" })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });

    const byPair = await startPluginInstance({ canCreateInvite: { permissions: ["create:invite"] } });
    expect((await create(byPair, await byPair.user("admin"), { role: "moderator" })).status).toBe(200);
    expect(await create(byPair, await byPair.user("moderator"), { role: "user" })).toMatchObject({
      status: 403,
      body: { code: "INSUFFICIENT_PERMISSIONS" },
    });
  });
});

describe("roleHierarchy", () => {
  it("when given, overrides the admin plugin's order", async () => {
    const instance = await startPluginInstance({ canCreateInvite: true, roleHierarchy: ["user", "admin", "moderator"] });
    const admin = await instance.user("admin");
    expect(await create(instance, admin, { role: "moderator" })).toMatchObject({ status: 403, body: { code: "ROLE_ABOVE_INVITER" } });
    const { body } = await create(instance, admin, { role: "admin" });
    expect(await accept(instance, await instance.user("moderator"), body.token)).toMatchObject({
      status: 409,
      body: { code: "ROLE_WOULD_BE_LOWERED" },
    });
  });

  it("when false, lets anyone allowed grant any role, and accepting may lower a role", async () => {
    const instance = await startPluginInstance({ canCreateInvite: true, roleHierarchy: false });
    const { status, body } = await create(instance, await instance.user("user"), { role: "moderator" });
    expect(status).toBe(200);
    const admin = await instance.user("admin");
    expect(await accept(instance, admin, body.token)).toMatchObject({ status: 200, body: { role: "moderator", previousRole: "admin" } });
  });
});

describe("token and default options", () => {
  it("defaultTokenType code: a short code that works in any case, with or without its dash", async () => {
    const instance = await startPluginInstance({ defaultTokenType: "code" });
    const { body } = await create(instance, await instance.user("admin"), { role: "user" });
    expect(body.token).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    expect(body.invitation.tokenType).toBe("code");
    const typed = ` ${body.token.replace("-", "").toLowerCase()} `;
    expect((await accept(instance, await instance.user(), typed)).status).toBe(200);
  });

  it("custom tokens come from generateToken and are stored hashed like the others", async () => {
    const custom = `custom-${crypto.randomUUID()}`;
    const instance = await startPluginInstance({ defaultTokenType: "custom", generateToken: () => custom });
    const { body } = await create(instance, await instance.user("admin"), { role: "user" });
    expect(body.token).toBe(custom);
    const stored = rowsOf<{ token_hash: string }>(
      await instance.db.execute(sql`select token_hash from invite where id = ${body.invitation.id}`),
    );
    expect(stored[0]?.token_hash).not.toBe(custom);
    expect((await instance.request(`/invite/get?token=${custom}`)).status).toBe(200);
  });

  it("defaultMaxUses, invitationTokenExpiresIn and defaultRedirectAfterUpgrade set each invite's defaults", async () => {
    const instance = await startPluginInstance({
      defaultMaxUses: null,
      invitationTokenExpiresIn: 120,
      defaultRedirectAfterUpgrade: "/welcome",
    });
    const before = Date.now();
    const { body } = await create(instance, await instance.user("admin"), { role: "user" });
    expect(body.invitation.maxUses).toBeNull();
    expect(Math.abs(new Date(body.invitation.expiresAt).getTime() - before - 120_000)).toBeLessThan(10_000);
    for (let person = 0; person < 3; person++) {
      expect(await accept(instance, await instance.user(), body.token)).toMatchObject({ status: 200, body: { redirectTo: "/welcome" } });
    }
  });
});

describe("canAcceptInvite and canCancelInvite", () => {
  it("canAcceptInvite refuses with CANT_ACCEPT_INVITE and spends nothing", async () => {
    const instance = await startPluginInstance({ canAcceptInvite: ({ invitedUser }) => invitedUser.email.endsWith("@allowed.example") });
    const { body } = await create(instance, await instance.user("admin"), { role: "moderator" });
    expect(await accept(instance, await instance.user(), body.token)).toMatchObject({ status: 403, body: { code: "CANT_ACCEPT_INVITE" } });
    const allowed = await instance.user("user", { email: `${crypto.randomUUID().slice(0, 8)}@allowed.example` });
    expect((await accept(instance, allowed, body.token)).status).toBe(200);
  });

  it("canCancelInvite replaces 'its creator or an admin'", async () => {
    const instance = await startPluginInstance({ canCancelInvite: { permissions: ["update:post"] } });
    const admin = await instance.user("admin");
    const { body } = await create(instance, admin, { role: "user" });
    const cancel = (person: TestUser) =>
      instance.request("/invite/cancel", { body: { id: body.invitation.id }, jar: person.jar }).then(json);
    expect(await cancel(await instance.user("user"))).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    expect((await cancel(await instance.user("moderator"))).status).toBe(200);
  });
});

describe("sendUserInvitation", () => {
  it("is required for a private invite", async () => {
    const instance = await startPluginInstance();
    expect(await create(instance, await instance.user("admin"), { role: "user", email: uniqueEmail("nomail") })).toMatchObject({
      status: 400,
      body: { code: "INVITATION_EMAIL_NOT_ENABLED" },
    });
  });

  it("gets what the email needs, and tells a new account from a role upgrade", async () => {
    const sent: Record<string, unknown>[] = [];
    const instance = await startPluginInstance({ sendUserInvitation: async (input) => void sent.push(input) });
    const admin = await instance.user("admin");
    const fresh = uniqueEmail("fresh");
    const { body } = await create(instance, admin, { role: "moderator", email: fresh });
    expect(sent.at(-1)).toMatchObject({ email: fresh, role: "moderator", token: body.token, url: body.url, newAccount: true });
    expect(sent.at(-1)?.inviter).toMatchObject({ id: admin.id });

    const existing = await instance.user("user");
    await create(instance, admin, { role: "admin", email: existing.email });
    expect(sent.at(-1)).toMatchObject({ email: existing.email, newAccount: false, name: "Plugin user" });
  });

  it("when it fails, the admin is told (502) and no invite is left that nobody could use", async () => {
    const instance = await startPluginInstance({
      sendUserInvitation: async () => {
        throw new Error("SMTP is down");
      },
    });
    const email = uniqueEmail("bounce");
    expect(await create(instance, await instance.user("admin"), { role: "user", email })).toMatchObject({
      status: 502,
      body: { code: "ERROR_SENDING_THE_INVITATION_EMAIL" },
    });
    const left = rowsOf<{ n: number }>(await instance.db.execute(sql`select count(*)::int as n from invite where email = ${email}`));
    expect(left[0]?.n).toBe(0);
  });
});

describe("inviteHooks", () => {
  it("run in order around create, accept and cancel, with what each needs", async () => {
    const calls: string[] = [];
    const instance = await startPluginInstance({
      inviteHooks: {
        beforeCreateInvite: ({ invitation }) => void calls.push(`beforeCreate:${invitation.role}`),
        afterCreateInvite: ({ invitation }) => void calls.push(`afterCreate:${invitation.id.length > 0}`),
        beforeAcceptInvite: ({ invitedUser }) => {
          calls.push(`beforeAccept:${invitedUser.role}`);
          return { user: { name: "Renamed by hook" } };
        },
        afterAcceptInvite: ({ invitedUser, use }) => void calls.push(`afterAccept:${invitedUser.role}:${use.newRole}`),
        beforeCancelInvite: () => void calls.push("beforeCancel"),
        afterCancelInvite: ({ invitation }) => void calls.push(`afterCancel:${invitation.status}`),
      },
    });
    const admin = await instance.user("admin");
    const first = await create(instance, admin, { role: "moderator" });
    const invitee = await instance.user();
    expect((await accept(instance, invitee, first.body.token)).status).toBe(200);
    const second = await create(instance, admin, { role: "user" });
    await instance.request("/invite/cancel", { body: { id: second.body.invitation.id }, jar: admin.jar });

    expect(calls).toEqual([
      "beforeCreate:moderator",
      "afterCreate:true",
      "beforeAccept:user",
      "afterAccept:moderator:moderator",
      "beforeCreate:user",
      "afterCreate:true",
      "beforeCancel",
      "afterCancel:canceled",
    ]);
    const session = await json(await instance.request("/get-session", { jar: invitee.jar }));
    expect(session.body.user).toMatchObject({ name: "Renamed by hook", role: "moderator" });
  });

  it("a before hook that throws refuses, and leaves nothing behind", async () => {
    const instance = await startPluginInstance({
      inviteHooks: {
        beforeCreateInvite: ({ invitation }) => {
          if (invitation.role === "admin") throw new APIError("FORBIDDEN", { code: "NO_ADMIN_INVITES", message: "Not today" });
        },
        beforeAcceptInvite: () => {
          throw new APIError("FORBIDDEN", { code: "CLOSED", message: "Closed" });
        },
      },
    });
    const admin = await instance.user("admin");
    expect(await create(instance, admin, { role: "admin" })).toMatchObject({ status: 403, body: { code: "NO_ADMIN_INVITES" } });
    const { body } = await create(instance, admin, { role: "user" });
    const invitee = await instance.user();
    expect(await accept(instance, invitee, body.token)).toMatchObject({ status: 403, body: { code: "CLOSED" } });
    const row = rowsOf<{ use_count: number }>(
      await instance.db.execute(sql`select use_count from invite where id = ${body.invitation.id}`),
    );
    expect(row[0]?.use_count).toBe(0);
  });

  it("a failing afterAcceptInvite does not undo or misreport a committed accept", async () => {
    const instance = await startPluginInstance({
      inviteHooks: {
        afterAcceptInvite: () => {
          throw new Error("webhook down");
        },
      },
    });
    const { body } = await create(instance, await instance.user("admin"), { role: "moderator" });
    expect(await accept(instance, await instance.user(), body.token)).toMatchObject({ status: 200, body: { role: "moderator" } });
  });
});

describe("inviteOnly", () => {
  it("refuses a sign-up without an invitation, creating no user, and lets one with an invitation in", async () => {
    const instance = await startPluginInstance({ inviteOnly: true });
    const email = uniqueEmail("uninvited");
    expect(
      await json(await instance.request("/sign-up/email", { body: { name: "U", email, password: "uninvited-password" } })),
    ).toMatchObject({
      status: 403,
      body: { code: "SIGN_UP_REQUIRES_INVITE" },
    });
    const context = await instance.auth.$context;
    expect(await context.internalAdapter.findUserByEmail(email)).toBeNull();

    const { body } = await create(instance, await instance.user("admin"), { role: "moderator" });
    const jar = new CookieJar();
    await instance.request("/invite/activate", { body: { token: body.token }, jar });
    const signedUp = await json(
      await instance.request("/sign-up/email", { body: { name: "I", email: uniqueEmail("invited"), password: "invited-password" }, jar }),
    );
    expect(signedUp).toMatchObject({ status: 200, body: { invite: { accepted: true, role: "moderator" } } });
  });

  it("still lets server code (seeding, admin tools) create users", async () => {
    const instance = await startPluginInstance({ inviteOnly: true });
    await expect(instance.user("user")).resolves.toMatchObject({ role: "user" });
  });
});

describe("rateLimit", () => {
  it("limits look-ups, so codes cannot be guessed quickly", async () => {
    const auth = betterAuth({
      baseURL: "http://localhost:3000",
      secret: "plugin-test-secret-plugin-test-secret-0123",
      database: drizzleAdapter(getDb(), { provider: "pg", schema: authSchema, transaction: true }),
      rateLimit: { enabled: true, storage: "memory" },
      plugins: [(await import("better-auth/plugins")).admin(), invite({ rateLimit: { window: 60, max: 3 } })],
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await auth.handler(
        new Request("http://localhost:3000/api/auth/invite/get?token=ABC-DEF", { headers: { "x-forwarded-for": "198.51.100.7" } }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});

describe("set-up", () => {
  it("refuses to start without the admin plugin, and says so", async () => {
    const auth = betterAuth({
      baseURL: "http://localhost:3000",
      secret: "plugin-test-secret-plugin-test-secret-0123",
      database: drizzleAdapter(getDb(), { provider: "pg", schema: authSchema }),
      plugins: [invite()],
    });
    await expect(auth.$context).rejects.toThrow(/needs Better Auth's admin plugin/);
  });
});

describe("schema", () => {
  it("renames tables and fields, as other Better Auth plugins allow", async () => {
    const { getAuthTables } = await import("better-auth/db");
    const { admin } = await import("better-auth/plugins");
    const tables = getAuthTables({
      plugins: [
        admin(),
        invite({
          schema: { invite: { modelName: "invitations", fields: { tokenHash: "hash" } }, inviteUse: { modelName: "invitation_uses" } },
        }),
      ],
    });
    expect(tables.invite?.modelName).toBe("invitations");
    expect(tables.invite?.fields.tokenHash?.fieldName).toBe("hash");
    expect(tables.inviteUse?.modelName).toBe("invitation_uses");
    expect(tables.inviteUse?.indexes).toEqual([expect.objectContaining({ fields: ["inviteId", "usedByUserId"], unique: true })]);
  });

  it("a custom token type needs generateToken", async () => {
    const instance = await startPluginInstance();
    expect(await create(instance, await instance.user("admin"), { role: "user", tokenType: "custom" })).toMatchObject({
      status: 400,
      body: { code: "CUSTOM_TOKEN_NOT_ENABLED" },
    });
    expect(() => invite({ defaultTokenType: "custom" })).toThrow(/generateToken/);
  });
});
