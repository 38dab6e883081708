import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Env } from "@/lib/env";
import * as schema from "./schema";
import { reportStatement } from "./statement-log";

export type Schema = typeof schema;

/** The two drivers behind one schema: PGlite when no DATABASE_URL is set, PostgreSQL otherwise. */
export type DatabaseConnection =
  | { kind: "pglite"; db: PgliteDatabase<Schema>; client: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: PostgresJsDatabase<Schema>; client: postgres.Sql; url: string; close: () => Promise<void> };

export function openDatabase(config: Env["database"]): DatabaseConnection {
  if (config.kind === "postgres") {
    const client = postgres(config.url, { max: 10, onnotice: () => {}, debug: (_connection, statement, parameters) => reportStatement(statement, parameters) });
    return {
      kind: "postgres",
      db: drizzlePostgres({ client, schema }),
      client,
      url: config.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = config.dir === "memory://" ? config.dir : resolveDataDir(config.dir);
  const client = new PGlite(dataDir, {
    // The defaults size PGlite for a whole database server; an app's dev data needs far less.
    postgresqlconf: ["shared_buffers=16MB"],
  });
  return {
    kind: "pglite",
    db: drizzlePglite({ client, schema }),
    client,
    close: () => client.close(),
  };
}

function resolveDataDir(dir: string): string {
  const absolute = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
  // PGlite creates its own folder but not the parents.
  mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}
