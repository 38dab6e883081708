import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DatabaseConnection } from "./client";

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle");

// Any constant shared by every instance of the app; two instances starting at once take turns.
const MIGRATION_LOCK_ID = 7_210_426_001;

/** Applies the committed migrations in drizzle/ that this database has not seen yet. */
export async function migrateDatabase(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === "pglite") {
    await migratePglite(connection.db, { migrationsFolder });
    return;
  }
  const reserved = await connection.client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzle({ client: reserved }), { migrationsFolder });
  } finally {
    // A session-level lock also ends with its connection, so a failed unlock cannot leave it held.
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => undefined);
    reserved.release();
  }
}
