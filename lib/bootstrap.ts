import "server-only";
import { getAuth } from "@/lib/auth/server";
import { getConnection } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { ensureSeedAccounts, seedAccounts } from "@/lib/auth/seed";

/** Everything the server needs before its first request: a valid environment, a migrated database, the seed accounts. */
export async function bootstrap(): Promise<void> {
  const env = getEnv();
  for (const warning of env.warnings) log.warn(`[invite-kit] ${warning}`);
  await migrateDatabase(getConnection());
  const created = await ensureSeedAccounts(getAuth(), seedAccounts(env));
  for (const email of created) log.info(`[invite-kit] Seeded account ${email}`);
}

/** For instrumentation: a server that lacks its secret or cannot reach its database must not answer requests. */
export async function bootstrapOrExit(): Promise<void> {
  try {
    await bootstrap();
  } catch (error) {
    log.error(`[invite-kit] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
