// A database of a run's own on a shared PostgreSQL or MariaDB server (TEST_POSTGRES_URL, TEST_MYSQL_URL): made empty,
// dropped after, with those of killed runs dropped before it is made. Every file that needs one gets it here.
import { createConnection } from "mysql2/promise";
import pg from "pg";

export type RunDatabase = { name: string; url: string; drop(): Promise<void> };

/** A database name no other run (or engineer) uses, under the prefix this suite owns. */
function databaseName(kind: string): string {
  return `invitekit_pkg_${kind}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The databases this suite left behind in runs that were killed before their teardown: named by a process that is no
 * longer running on this machine, and made over an hour ago (a run takes minutes). Others' databases never match.
 */
function staleNames(names: string[]): string[] {
  return names.filter((name) => {
    const match = /^invitekit_pkg_[a-z]+_(\d+)_([0-9a-z]+)_[0-9a-z]+$/.exec(name);
    if (!match) return false;
    const [, pid, made] = match;
    return Date.now() - parseInt(made ?? "", 36) > 3_600_000 && !processRuns(Number(pid));
  });
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `kind` is a few lower-case letters naming who made it (pg, pgjs, cli…), for whoever lists the server's databases. */
export async function createPostgresDatabase(serverUrl: string, kind: string): Promise<RunDatabase> {
  const name = databaseName(kind);
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  const { rows } = await server.query<{ datname: string }>("select datname from pg_database where datname like 'invitekit\\_pkg\\_%'");
  for (const stale of staleNames(rows.map((row) => row.datname))) await server.query(`drop database if exists "${stale}" with (force)`);
  await server.query(`create database "${name}"`);
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      // A pool's end() resolves before its connections have left the server; dropping with force while they leave
      // kills them, and pg reports that (57P01) as an uncaught error in the test process. Wait for them first (a few
      // ms); force is for a pool a failed test left open.
      for (let attempt = 0; attempt < 100; attempt++) {
        const { rows } = await server.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server.query(`drop database if exists "${name}" with (force)`);
      await server.end();
    },
  };
}

export async function createMysqlDatabase(serverUrl: string, kind: string): Promise<RunDatabase> {
  const name = databaseName(kind);
  const server = await createConnection({ uri: serverUrl });
  const [rows] = await server.query("show databases like 'invitekit\\_pkg\\_%'");
  const names = Array.isArray(rows) ? rows.map((row: object) => String(Object.values(row)[0])) : [];
  for (const stale of staleNames(names)) await server.query(`drop database if exists \`${stale}\``);
  await server.query(`create database \`${name}\``);
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      await server.query(`drop database if exists \`${name}\``);
      await server.end();
    },
  };
}
