import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { createAuthClient } from "better-auth/client";
import { getMigrations } from "better-auth/db/migration";
import { admin as adminPlugin } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, userAc } from "better-auth/plugins/admin/access";
import { inviteClient } from "../../src/client";
import { invite, type InviteOptions } from "../../src/index";
import { CookieJar } from "../support/http";

/*
 * The seed's role-based invitation example, as a Better Auth user sets it up: an access control with an
 * `invite` resource, roles user < moderator < admin (and an unranked editor, for users with several roles),
 * the admin plugin, and this plugin with the options a test gives. Better Auth's built-in Kysely adapter on an
 * in-memory SQLite database, migrated by Better Auth itself.
 */
export const statement = { ...defaultStatements, invite: ["create"] } as const;
export const ac = createAccessControl(statement);
export const roles = {
  user: ac.newRole({ ...userAc.statements }),
  moderator: ac.newRole({ ...userAc.statements }),
  admin: ac.newRole({ ...adminAc.statements, invite: ["create"] }),
  editor: ac.newRole({ ...userAc.statements }),
};
export type RoleName = keyof typeof roles;

const origin = "http://localhost:3000";

export async function seedApp(inviteOptions: InviteOptions = {}) {
  const auth = betterAuth({
    baseURL: origin,
    secret: "seed-example-secret-seed-example-secret-01",
    database: new Database(":memory:"),
    emailAndPassword: { enabled: true, autoSignIn: true },
    plugins: [
      // Declared lowest to highest, editor last: the hierarchy is the one given to the invite plugin.
      adminPlugin({ ac, roles, defaultRole: "user", adminRoles: ["admin"] }),
      invite({ roleHierarchy: ["user", "moderator", "admin"], ...inviteOptions }),
    ],
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();

  async function send(path: string, init: { jar?: CookieJar; body?: unknown; method?: string } = {}) {
    const request = new Request(`${origin}/api/auth${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", origin, ...(init.jar ? { cookie: init.jar.header() } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    });
    const response = await auth.handler(request);
    init.jar?.store(response);
    return response;
  }

  /** A signed-in person with the given role (several, comma-separated, as the admin plugin stores them). */
  async function person(
    role: RoleName | RoleName[] = "user",
    email = `${[role].flat().join("-")}-${crypto.randomUUID().slice(0, 8)}@example.com`,
  ) {
    const password = "seed-example-password";
    const created = await auth.api.createUser({
      body: { email, password, name: `Seed ${[role].flat().join(",")}`, role, data: { emailVerified: true } },
    });
    const jar = new CookieJar();
    const signedIn = await send("/sign-in/email", { body: { email, password }, jar });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
    return { id: created.user.id, email, password, jar };
  }

  /** The real client, sending through the app's handler with this person's cookies: what a browser's form does. */
  function clientFor(jar: CookieJar) {
    return createAuthClient({
      baseURL: origin,
      plugins: [inviteClient()],
      fetchOptions: {
        customFetchImpl: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set("cookie", jar.header());
          request.headers.set("origin", origin);
          const response = await auth.handler(request);
          jar.store(response);
          return response;
        },
      },
    });
  }

  async function roleOf(userId: string): Promise<string | null | undefined> {
    const ctx = await auth.$context;
    const user = await ctx.adapter.findOne<{ role: string | null }>({ model: "user", where: [{ field: "id", value: userId }] });
    return user?.role;
  }

  async function usesOf(inviteId: string) {
    const ctx = await auth.$context;
    return ctx.adapter.findMany<{ usedByUserId: string; previousRole: string | null; newRole: string }>({
      model: "inviteUse",
      where: [{ field: "inviteId", value: inviteId }],
    });
  }

  async function eventsOf(inviteId: string) {
    const ctx = await auth.$context;
    return ctx.adapter.findMany<{ type: string; details: unknown }>({
      model: "inviteEvent",
      where: [{ field: "inviteId", value: inviteId }],
    });
  }

  return { auth, send, person, clientFor, roleOf, usesOf, eventsOf };
}
