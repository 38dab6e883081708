import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
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
  // One connection, so that the session-level advisory lock covers every statement of the migration.
  const client = postgres(connection.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    // Closing the connection also releases the lock if the migration failed half-way.
    await client.end({ timeout: 5 });
  }
}
