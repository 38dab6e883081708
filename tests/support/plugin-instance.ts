import { betterAuth, type BetterAuthOptions } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin } from "better-auth/plugins";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { authSchema } from "@/lib/db/schema";
import { invite, type InviteOptions } from "@invite-kit/better-auth";
import { ac, type RoleName, roles } from "@/lib/auth/permissions";
import { requester } from "./app";
import { signedInUser } from "./users";

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
  const instance = { auth, db: getDb(), request };
  // "Plugin <role>": tests/invite/options.test.ts finds the name in what the plugin hands its email callback.
  const user = (role: RoleName = "user", options: { emailVerified?: boolean; email?: string } = {}) =>
    signedInUser(instance, { ...options, role, name: `Plugin ${role}` });
  return { ...instance, user };
}

export type PluginInstance = Awaited<ReturnType<typeof startPluginInstance>>;
