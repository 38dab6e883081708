// The benchmark's database, made fresh for each run by the test harness (tests/harness/database.ts), and SQL access
// to it between server runs.
import { openDatabase } from "@/lib/db/client";
import { postgresServerUrl, type TestDatabase } from "../tests/harness/database";

export type DatabaseKind = TestDatabase["kind"];

/** Where the PostgreSQL rows make their database: the suites' server, or a local one's `test` database. */
export const benchPostgresUrl = postgresServerUrl ?? "postgres://postgres@127.0.0.1:5432/test";

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
export async function withSql<T>(database: TestDatabase, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const connection = openDatabase(database);
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
