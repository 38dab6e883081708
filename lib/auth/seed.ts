import "server-only";
import type { Auth } from "@/lib/auth/server";
import type { Env } from "@/lib/env";
import type { RoleName } from "@/lib/auth/permissions";

export type SeedAccount = { email: string; password: string; name: string; role: RoleName };

/** The accounts this environment asks for: the first admin, plus the demo moderator and user in development. */
export function seedAccounts(env: Pick<Env, "seedAdmin" | "seedDemoAccounts">): SeedAccount[] {
  if (!env.seedAdmin) return [];
  const { email, password } = env.seedAdmin;
  const accounts: SeedAccount[] = [{ email, password, name: "Ada Admin", role: "admin" }];
  if (env.seedDemoAccounts) {
    accounts.push(
      { email: "moderator@example.com", password, name: "Max Moderator", role: "moderator" },
      { email: "user@example.com", password, name: "Uma User", role: "user" },
    );
  }
  return accounts;
}

/**
 * Creates each account that does not exist yet. An existing account is never
 * touched: its password and role belong to whoever runs the app now.
 */
export async function ensureSeedAccounts(auth: Auth, accounts: SeedAccount[]): Promise<string[]> {
  const context = await auth.$context;
  const created: string[] = [];
  for (const account of accounts) {
    if (await context.internalAdapter.findUserByEmail(account.email)) continue;
    try {
      await auth.api.createUser({
        body: {
          email: account.email,
          password: account.password,
          name: account.name,
          role: account.role,
          data: { emailVerified: true },
        },
      });
      created.push(account.email);
    } catch (error) {
      // Another instance starting at the same moment may have created it first.
      if (await context.internalAdapter.findUserByEmail(account.email)) continue;
      throw error;
    }
  }
  return created;
}
