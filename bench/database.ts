// The benchmark's own database, fresh for each run and removed after it, and SQL access to it between server runs.
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/lib/db/client";
import type { Env } from "@/lib/env";

export type DatabaseKind = "postgres" | "pglite";

export type BenchDatabase = {
  kind: DatabaseKind;
  config: Env["database"];
  /** What a server's environment needs to open it. */
  env: Record<string, string>;
  remove: () => Promise<void>;
};

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

export async function createBenchDatabase(kind: DatabaseKind, baseUrl: string, stamp: string): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dir = path.join(".data", `bench-${stamp}`);
    rmSync(dir, { recursive: true, force: true });
    return {
      kind,
      config: { kind, dir },
      env: { PGLITE_DIR: dir },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `invitekit_bench_${stamp}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { kind, url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    remove: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

type Param = string | number | boolean | null;

export type SqlClient = {
  query: <Row extends Record<string, unknown>>(text: string, params?: Param[]) => Promise<Row[]>;
  /** Several statements in one string, without parameters. */
  exec: (script: string) => Promise<void>;
};

/**
 * Runs `work` with a connection of its own. PGlite is one process's folder:
 * call this only while no server has it open.
 */
export async function withSql<T>(database: BenchDatabase, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const connection = openDatabase(database.config);
  const sql: SqlClient =
    connection.kind === "postgres"
      ? {
          query: async <Row extends Record<string, unknown>>(text: string, params: Param[] = []) =>
            connection.client.unsafe<Row[]>(text, params),
          exec: async (script) => {
            await connection.client.unsafe(script);
          },
        }
      : {
          query: async <Row extends Record<string, unknown>>(text: string, params: Param[] = []) =>
            (await connection.client.query<Row>(text, params)).rows,
          exec: async (script) => {
            await connection.client.exec(script);
          },
        };
  try {
    return await work(sql);
  } finally {
    await connection.close();
  }
}
