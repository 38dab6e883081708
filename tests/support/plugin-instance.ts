import { betterAuth, type BetterAuthOptions } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin } from "better-auth/plugins";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { authSchema } from "@/lib/db/schema";
import { invite, type InviteOptions } from "@invite-kit/better-auth";
import { ac, roles } from "@/lib/auth/permissions";
import { CookieJar, requester } from "./app";

/**
 * A Better Auth instance of its own, with the invite plugin configured as a
 * test needs, on the same real (migrated) database as the app: for options
 * the app itself does not use.
 */
export async function startPluginInstance(inviteOptions: InviteOptions = {}, authOptions: Pick<BetterAuthOptions, "rateLimit"> = {}) {
  await migrateDatabase(getConnection());
  const origin = "http://localhost:3000";
  const auth = betterAuth({
    baseURL: origin,
    secret: "plugin-test-secret-plugin-test-secret-0123",
    database: drizzleAdapter(getDb(), { provider: "pg", schema: authSchema, transaction: true }),
    emailAndPassword: { enabled: true, autoSignIn: true },
    ...authOptions,
    plugins: [admin({ ac, roles, defaultRole: "user", adminRoles: ["admin"] }), invite(inviteOptions)],
  });
  const request = requester((incoming) => auth.handler(incoming), origin);

  async function user(role: "user" | "moderator" | "admin" = "user", options: { emailVerified?: boolean; email?: string } = {}) {
    const email = options.email ?? `${role}-${crypto.randomUUID().slice(0, 12)}@example.com`;
    const password = "plugin-test-password";
    const created = await auth.api.createUser({
      body: { email, password, name: `Plugin ${role}`, role, data: { emailVerified: options.emailVerified ?? true } },
    });
    const jar = new CookieJar();
    await request("/sign-in/email", { body: { email, password }, jar });
    return { id: created.user.id, email, password, role, jar };
  }

  return { auth, db: getDb(), request, user };
}
