import { createConnection } from "mysql2/promise";
import pg from "pg";

/*
 * A database of its own for each run, on the servers CI names (TEST_POSTGRES_URL, TEST_MYSQL_URL): created empty,
 * dropped at the end. The names start with invitekit_cli_ so that nobody else's are ever touched.
 */

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

const scratchName = () => `invitekit_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

function urlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = scratchName();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: urlFor(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // FORCE: a pool a failed test left open must not keep the database alive.
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function mysqlDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = scratchName();
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  return {
    name,
    url: urlFor(serverUrl, name),
    async drop() {
      const connection = await createConnection({ uri: serverUrl });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
