// The databases the contract runs on: one entry per adapter and driver Better Auth supports for the plugin. Each file
// of test/contract/ runs its stories on every one (describeTargets), on databases of its own, made fresh and dropped.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { memoryAdapter } from "better-auth/adapters/memory";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { getAuthTables } from "better-auth/db";
import { getMigrations } from "better-auth/db/migration";
import type { BetterAuthOptions } from "better-auth";
import Database from "better-sqlite3";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgresJs } from "drizzle-orm/postgres-js";
import { getTableConfig } from "drizzle-orm/pg-core";
import { createPool } from "mysql2/promise";
import pg from "pg";
import postgres from "postgres";
import { afterAll, beforeAll, describe } from "vitest";
import { drizzleSchema, inviteUse } from "./drizzle-schema";
import { schemaOptions } from "./auth-options";
import { createMysqlDatabase, createPostgresDatabase } from "./run-databases";

const postgresUrl = process.env.TEST_POSTGRES_URL;
const mysqlUrl = process.env.TEST_MYSQL_URL;

/** The names a target's database gives the inviteUse table and the two columns of its unique index. */
export type InviteUseNames = { table: string; inviteId: string; usedByUserId: string };

/** An index as the database's own catalog lists it. */
export type CatalogIndex = { name: string; unique: boolean; columns: string[] };

/** One target's database, open, with its tables. */
export type OpenDatabase = {
  /** What `betterAuth({ database })` takes: a driver's pool or connection, or an adapter. */
  database: BetterAuthOptions["database"];
  inviteUseNames: InviteUseNames;
  /** The indexes of inviteUse as the catalog has them; null for the memory adapter, which has no indexes at all. */
  inviteUseIndexes(): Promise<CatalogIndex[] | null>;
  close(): Promise<void>;
};

export type Target = {
  name: string;
  /** The name in test titles: says why the target is skipped when its server is not configured. */
  title: string;
  available: boolean;
  /**
   * Whether the adapter runs real transactions that serialise writes to a row: what "one use is one use" stands on.
   * The memory adapter's transactions work on a copy merged back afterwards, last writer wins.
   */
  serialisesWrites: boolean;
  /**
   * Whether `%` and `_` in a list's `q` match themselves. On SQLite they stay LIKE's wildcards: its LIKE has no escape
   * character unless a statement names one, and Better Auth's adapters never do (src/email-search.ts).
   */
  searchesWildcardsLiterally: boolean;
  open(): Promise<OpenDatabase>;
};

const KYSELY_NAMES: InviteUseNames = { table: "inviteUse", inviteId: "inviteId", usedByUserId: "usedByUserId" };

function drizzleNames(): InviteUseNames {
  const config = getTableConfig(inviteUse);
  return { table: config.name, inviteId: inviteUse.inviteId.name, usedByUserId: inviteUse.usedByUserId.name };
}

/** Better Auth's own migration for its built-in Kysely adapter, from the same options the instances use. */
async function migrateWithKysely(database: BetterAuthOptions["database"]): Promise<void> {
  const { runMigrations } = await getMigrations({ ...schemaOptions, database });
  await runMigrations();
}

/**
 * The SQL drizzle-kit generates for drizzle-schema.ts from nothing, statement by statement: the tables exactly as the
 * Drizzle schema declares them, indexes included, with no migration folder to keep in step.
 */
async function drizzleStatements(): Promise<string[]> {
  const { generateDrizzleJson, generateMigration } = await import("drizzle-kit/api");
  return generateMigration(generateDrizzleJson({}), generateDrizzleJson(drizzleSchema));
}

/**
 * A fresh PGlite with the Drizzle tables. Starting PGlite from nothing takes about 4 s of CPU (initdb in WebAssembly);
 * from a dump of the migrated data folder, about 1 s. The dump is kept in the system's temporary folder under the hash
 * of the Drizzle schema's source and PGlite's version, so a changed schema or PGlite never loads a stale one; each file
 * still gets its own database, loaded from the dump.
 */
/** The installed PGlite's package.json (its version): it is not among its exports, so it is read next to its entry point. */
function pgliteManifest(): string {
  let folder = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(folder, "package.json"))) folder = path.dirname(folder);
  return readFileSync(path.join(folder, "package.json"), "utf8");
}

async function migratedPglite(): Promise<PGlite> {
  const schemaSource = readFileSync(path.join(import.meta.dirname, "drizzle-schema.ts"), "utf8");
  const key = createHash("sha256").update(`${pgliteManifest()}\n${schemaSource}`).digest("hex").slice(0, 16);
  const dumpFile = path.join(tmpdir(), `invitekit-pkg-pglite-${key}.tar.gz`);
  if (existsSync(dumpFile)) return PGlite.create({ loadDataDir: new Blob([readFileSync(dumpFile)]) });
  const client = await PGlite.create();
  for (const statement of await drizzleStatements()) await client.exec(statement);
  const dump = await client.dumpDataDir("gzip");
  // Written under a name of its own, then renamed: another process never reads half a dump.
  const partial = `${dumpFile}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, dumpFile);
  return client;
}

// The catalog's view of a PostgreSQL table's indexes, constraints' indexes included, columns in index order.
const POSTGRES_INDEXES = `
  select i.relname as name, ix.indisunique as unique, string_agg(a.attname::text, ',' order by k.ord) as columns
  from pg_index ix
  join pg_class t on t.oid = ix.indrelid
  join pg_class i on i.oid = ix.indexrelid
  join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
  cross join lateral unnest(ix.indkey) with ordinality as k(attnum, ord)
  join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
  where t.relname = $1
  group by i.relname, ix.indisunique`;

type PostgresIndexRow = { name: string; unique: boolean; columns: string };
const fromPostgresRows = (rows: PostgresIndexRow[]): CatalogIndex[] =>
  rows.map((row) => ({ name: row.name, unique: row.unique, columns: row.columns.split(",") }));

const sqlite: Target = {
  name: "SQLite (Kysely, better-sqlite3)",
  title: "SQLite (Kysely, better-sqlite3)",
  available: true,
  serialisesWrites: true,
  searchesWildcardsLiterally: false,
  async open() {
    const folder = mkdtempSync(path.join(tmpdir(), "invitekit-pkg-sqlite-"));
    const database = new Database(path.join(folder, "auth.sqlite"));
    await migrateWithKysely(database);
    return {
      database,
      inviteUseNames: KYSELY_NAMES,
      async inviteUseIndexes() {
        const list: unknown = database.pragma(`index_list("${KYSELY_NAMES.table}")`);
        const indexes = parseRows(list, (row) => ({ name: String(row.name), unique: row.unique === 1 }));
        return indexes.map((index) => ({
          ...index,
          columns: parseRows(database.pragma(`index_info("${index.name}")`), (row) => String(row.name)),
        }));
      },
      async close() {
        database.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
};

const postgresViaPg: Target = {
  name: "PostgreSQL (Kysely, pg)",
  title: postgresUrl ? "PostgreSQL (Kysely, pg)" : "PostgreSQL (Kysely, pg) (needs TEST_POSTGRES_URL)",
  available: Boolean(postgresUrl),
  serialisesWrites: true,
  searchesWildcardsLiterally: true,
  async open() {
    const server = await createPostgresDatabase(postgresUrl ?? "", "pg");
    const pool = new pg.Pool({ connectionString: server.url });
    await migrateWithKysely(pool);
    return {
      database: pool,
      inviteUseNames: KYSELY_NAMES,
      async inviteUseIndexes() {
        const { rows } = await pool.query<PostgresIndexRow>(POSTGRES_INDEXES, [KYSELY_NAMES.table]);
        return fromPostgresRows(rows);
      },
      async close() {
        await pool.end();
        await server.drop();
      },
    };
  },
};

const mariadb: Target = {
  name: "MariaDB (Kysely, mysql2)",
  title: mysqlUrl ? "MariaDB (Kysely, mysql2)" : "MariaDB (Kysely, mysql2) (needs TEST_MYSQL_URL)",
  available: Boolean(mysqlUrl),
  serialisesWrites: true,
  searchesWildcardsLiterally: true,
  async open() {
    const server = await createMysqlDatabase(mysqlUrl ?? "", "mysql");
    const pool = createPool({ uri: server.url, timezone: "Z" });
    await migrateWithKysely(pool);
    return {
      database: pool,
      inviteUseNames: KYSELY_NAMES,
      async inviteUseIndexes() {
        const [rows] = await pool.query(
          `select index_name as name, non_unique = 0 as \`unique\`, group_concat(column_name order by seq_in_index) as columns
           from information_schema.statistics where table_schema = database() and table_name = ? group by index_name, non_unique`,
          [KYSELY_NAMES.table],
        );
        return parseRows(rows, (row) => ({
          name: String(row.name),
          unique: Number(row.unique) === 1,
          columns: String(row.columns).split(","),
        }));
      },
      async close() {
        await pool.end();
        await server.drop();
      },
    };
  },
};

const drizzleOnPglite: Target = {
  name: "PGlite (Drizzle)",
  title: "PGlite (Drizzle)",
  available: true,
  serialisesWrites: true,
  searchesWildcardsLiterally: true,
  async open() {
    const client = await migratedPglite();
    const db = drizzlePglite({ client, schema: drizzleSchema });
    return {
      database: drizzleAdapter(db, { provider: "pg", schema: drizzleSchema, transaction: true }),
      inviteUseNames: drizzleNames(),
      async inviteUseIndexes() {
        const { rows } = await client.query<PostgresIndexRow>(POSTGRES_INDEXES, [drizzleNames().table]);
        return fromPostgresRows(rows);
      },
      async close() {
        await client.close();
      },
    };
  },
};

const drizzleOnPostgresJs: Target = {
  name: "PostgreSQL (Drizzle, postgres-js)",
  title: postgresUrl ? "PostgreSQL (Drizzle, postgres-js)" : "PostgreSQL (Drizzle, postgres-js) (needs TEST_POSTGRES_URL)",
  available: Boolean(postgresUrl),
  serialisesWrites: true,
  searchesWildcardsLiterally: true,
  async open() {
    const [server, statements] = await Promise.all([createPostgresDatabase(postgresUrl ?? "", "pgjs"), drizzleStatements()]);
    const client = postgres(server.url, { onnotice: () => {} });
    for (const statement of statements) await client.unsafe(statement);
    const db = drizzlePostgresJs({ client, schema: drizzleSchema });
    return {
      database: drizzleAdapter(db, { provider: "pg", schema: drizzleSchema, transaction: true }),
      inviteUseNames: drizzleNames(),
      async inviteUseIndexes() {
        const rows = await client.unsafe<PostgresIndexRow[]>(POSTGRES_INDEXES, [drizzleNames().table]);
        return fromPostgresRows(rows);
      },
      async close() {
        await client.end();
        await server.drop();
      },
    };
  },
};

/**
 * Better Auth's memory adapter, in the suite to say what it can and cannot hold. It enforces no unique index, and its
 * transactions run on a copy of the data merged back at commit (last writer wins), so nothing serialises two accepts.
 */
const memory: Target = {
  name: "memory adapter",
  title: "memory adapter",
  available: true,
  serialisesWrites: false,
  searchesWildcardsLiterally: true,
  async open() {
    const store: Record<string, Record<string, unknown>[]> = {};
    for (const table of Object.values(getAuthTables(schemaOptions))) store[table.modelName] = [];
    return {
      database: memoryAdapter(store),
      inviteUseNames: KYSELY_NAMES,
      async inviteUseIndexes() {
        return null;
      },
      async close() {},
    };
  },
};

export const targets: Target[] = [sqlite, postgresViaPg, mariadb, drizzleOnPglite, drizzleOnPostgresJs, memory];

/** The real databases: the ones whose transactions must hold the race. */
export const databaseTargets = targets.filter((target) => target.serialisesWrites);

// Opening a target takes seconds (a database created and migrated, PGlite's start): a file opens all of its targets
// at once, on the first one's start, so the servers work while PGlite starts, and each target then waits for its own.
const opening = new Map<Target, Promise<OpenDatabase>>();
const started = new Set<Target>();
let fileTargets: Target[] = [];
function openAll(among: Target[]): void {
  for (const target of among) {
    if (!target.available || started.has(target)) continue;
    started.add(target);
    const pending = target.open();
    // Awaited by the target's own beforeAll; until then a failure must not count as unhandled.
    pending.catch(() => {});
    opening.set(target, pending);
  }
}

/** Closes what was opened ahead and never used (its tests filtered out, or skipped after a failure): nothing is left. */
async function closeLeftovers(): Promise<void> {
  const left = [...opening.values()];
  opening.clear();
  await Promise.all(left.map(async (pending) => (await pending.catch(() => null))?.close()));
}

/**
 * A database of this target for the enclosing describe: opened before its tests (with every other target of the
 * file, at once), closed and dropped after them.
 */
export function useDatabase(target: Target): () => OpenDatabase {
  let open: OpenDatabase | undefined;
  beforeAll(async () => {
    openAll(fileTargets.includes(target) ? fileTargets : [target]);
    open = await opening.get(target);
  });
  afterAll(async () => {
    opening.delete(target);
    await open?.close();
  });
  return () => {
    if (!open) throw new Error(`${target.name} is not open`);
    return open;
  };
}

/**
 * `describe.each` over the targets: the same stories on each. A target whose server is not configured is skipped,
 * with a title that names the variable it needs.
 */
export function describeTargets(among: Target[], body: (target: Target) => void): void {
  fileTargets = among;
  afterAll(closeLeftovers);
  describe.each(among.filter((target) => target.available))("$title", body);
  describe.skip.each(among.filter((target) => !target.available))("$title", body);
}

/** Rows from a driver, read as plain records (drivers type them loosely). */
function parseRows<T>(rows: unknown, read: (row: Record<string, unknown>) => T): T[] {
  if (!Array.isArray(rows)) throw new Error(`Expected rows, got ${JSON.stringify(rows)}`);
  return rows.map((row: unknown) => {
    if (typeof row !== "object" || row === null) throw new Error(`Expected a row, got ${JSON.stringify(row)}`);
    return read(Object.fromEntries(Object.entries(row)));
  });
}
