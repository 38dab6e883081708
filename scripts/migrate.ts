// `npm run db:migrate`: applies drizzle/ to the database the environment names (DATABASE_URL, else PGlite in PGLITE_DIR).
import { loadEnvConfig } from "@next/env";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";

async function main() {
  // The same .env files `next dev` and `next start` read.
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
  const env = parseEnv(process.env);
  const connection = openDatabase(env.database);
  const where = env.database.kind === "postgres" ? new URL(env.database.url).pathname.slice(1) : env.database.dir;
  try {
    await migrateDatabase(connection);
    console.info(`Migrated the ${env.database.kind} database (${where}).`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
