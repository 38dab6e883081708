import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
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
    const client = postgres(config.url, {
      max: 10,
      onnotice: () => {},
      debug: (_connection, statement, parameters) => reportStatement(statement, parameters),
    });
    return {
      kind: "postgres",
      db: drizzlePostgres({ client, schema }),
      client,
      url: config.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = config.dir === "memory://" ? config.dir : resolveDataDir(config.dir);
  if (dataDir !== "memory://") initialiseElsewhere(dataDir);
  const client = new PGlite(dataDir, { ...PGLITE_OPTIONS, extensions: PGLITE_EXTENSIONS });
  return {
    kind: "pglite",
    db: drizzlePglite({ client, schema }),
    client,
    close: () => client.close(),
  };
}

/**
 * The defaults size PGlite for a whole database server; an app's dev data
 * needs far less. No `relaxedDurability`: on Node the folder is written
 * directly (NODEFS), so it would change nothing, and PGlite already runs
 * PostgreSQL without fsync (`-F`): a crash of the process loses nothing
 * committed, a crash of the machine may.
 */
const PGLITE_OPTIONS = { postgresqlconf: ["shared_buffers=16MB"] };

/**
 * The extensions the schema uses, loaded whenever the app's database is opened: pg_trgm for the trigram index on
 * invitation addresses (drizzle/0005). PGlite ships PostgreSQL's contrib extensions but loads only those it is given.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * Runs initdb for a new folder in a short-lived child process. In-process,
 * PGlite keeps much of what initialising used for as long as the database
 * stays open: a bare Node process holds 650–690 MiB after creating a folder
 * against 160–180 MiB after opening one, and `next start` held 60–75 MiB
 * more on a fresh folder than with this (bench/pglite-memory.ts). Takes the
 * same few seconds once, at `npm install` for the default folder
 * (package.json's postinstall) or at the first start for any other.
 */
function initialiseElsewhere(dataDir: string): void {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "initialise-pglite.mjs");
  execFileSync(process.execPath, [script, dataDir, JSON.stringify(PGLITE_OPTIONS)], { stdio: "inherit" });
}

function resolveDataDir(dir: string): string {
  const absolute = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
  // PGlite creates its own folder but not the parents.
  mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}
