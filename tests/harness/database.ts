// A fresh database for one run of a suite, the stories or the benchmark: a PostgreSQL database on a shared server, or a
// PGlite folder under .data/. Dropped when the run ends; those of runs that were killed first are dropped before a new one
// is made.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

/** The PostgreSQL server the suites use when one is configured; without it they run on PGlite. */
export const postgresServerUrl: string | undefined = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

// TEST_DATABASE_PREFIX tells apart the databases of checkouts that share one PostgreSQL server.
const prefix = process.env.TEST_DATABASE_PREFIX || "invitekit";

type Made = {
  /** `<prefix>_<label>_<ms since 1970>_<pid>`: who made it and when, so that a later run can tell it was left behind. */
  name: string;
  /** What a server's environment needs to open it: DATABASE_URL or PGLITE_DIR. */
  env: Record<string, string>;
  drop: () => Promise<void>;
};

export type PostgresDatabase = { kind: "postgres"; url: string } & Made;
export type PgliteDatabase = { kind: "pglite"; dir: string } & Made;
export type TestDatabase = PostgresDatabase | PgliteDatabase;

let lastStamp = 0;

function databaseName(label: string): string {
  if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(label))
    throw new Error(`A database label is lower-case words joined by _, got ${JSON.stringify(label)}`);
  // Two databases of one process in the same millisecond still get two names.
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return `${prefix}_${label}_${lastStamp}_${process.pid}`;
}

/**
 * Names this harness gave in runs killed before they could drop them: made by a process that no longer runs on this
 * machine, over an hour ago (a run takes minutes; the hour spares a run on another machine that shares the server).
 * Names in any other form (another suite's, another prefix's) never match.
 */
function isLeftBehind(name: string): boolean {
  const match = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}_[a-z0-9_]+_(\\d{13})_(\\d+)$`).exec(name);
  if (!match) return false;
  return Date.now() - Number(match[1]) > 3_600_000 && !processRuns(Number(match[2]));
}

/** Whether a process runs on this machine: signal 0 only asks, and EPERM means it runs, as another user. */
function processRuns(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/**
 * A new, empty database: on the PostgreSQL server at `postgresUrl` when one is given, else a PGlite folder. The server
 * started on it (tests/harness/server.ts) migrates it at start. `label` says who made it, for whoever lists them.
 */
export function createDatabase(label: string, postgresUrl: string | undefined): Promise<TestDatabase> {
  return postgresUrl ? createPostgresDatabase(label, postgresUrl) : createPgliteDatabase(label);
}

export async function createPostgresDatabase(label: string, postgresUrl: string): Promise<PostgresDatabase> {
  const name = databaseName(label);
  await withServer(postgresUrl, async (sql) => {
    const existing = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${`${prefix}_`})`;
    for (const { datname } of existing.filter((row) => isLeftBehind(row.datname)))
      await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
  });
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    name,
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    // With force: a server killed mid-run may have left its connections behind.
    drop: () => withServer(postgresUrl, async (sql) => void (await sql.unsafe(`drop database if exists "${name}" with (force)`))),
  };
}

/** Drops every database this harness made with `label` on the server at `postgresUrl`, whichever process made it. */
export async function dropPostgresDatabasesLabelled(label: string, postgresUrl: string): Promise<void> {
  await withServer(postgresUrl, async (sql) => {
    const made = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${`${prefix}_${label}_`})`;
    for (const { datname } of made) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  });
}

/** A folder under .data/ that does not exist yet: PGlite makes it when the server first opens it. */
export async function createPgliteDatabase(label: string): Promise<PgliteDatabase> {
  const name = databaseName(label);
  const data = path.join(process.cwd(), ".data");
  if (existsSync(data))
    for (const entry of readdirSync(data).filter(isLeftBehind)) rmSync(path.join(data, entry), { recursive: true, force: true });
  const dir = path.join(data, name);
  return { kind: "pglite", name, dir, env: { PGLITE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function withServer<T>(postgresUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}
