// The scratch app on one database: `node main.mjs sqlite <file> | postgres <url> | mysql <url> [results.json]`.
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { getMigrations } from "better-auth/db/migration";
import { createAuth } from "./auth.mjs";
import { runFlows } from "./flows.mjs";
import { mount, startServer, stopServer } from "./server.mjs";

const [kind, target, resultsFile] = process.argv.slice(2);

async function openDatabase() {
  if (kind === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target);
    return { database: db, close: async () => db.close() };
  }
  if (kind === "postgres") {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: target });
    return { database: pool, close: () => pool.end() };
  }
  if (kind === "mysql") {
    const { createPool } = await import("mysql2/promise");
    const pool = createPool({ uri: target, timezone: "Z" });
    return { database: pool, close: () => pool.end() };
  }
  throw new Error(`unknown database kind "${kind}": sqlite, postgres or mysql`);
}

const results = [];
class CheckFailed extends Error {}

async function check(name, fn) {
  const started = performance.now();
  try {
    await fn();
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const message = (error instanceof Error ? error.message : String(error)).replace(/\n\s*\n/g, "\n").trimEnd();
    results.push({ name, ok: false, ms, message });
    console.log(`FAIL [${kind}] ${name} (${ms} ms)\n     ${message.split("\n").join("\n     ")}`);
    throw new CheckFailed(message);
  }
  const ms = Math.round(performance.now() - started);
  results.push({ name, ok: true, ms });
  console.log(`ok   [${kind}] ${name} (${ms} ms)`);
}

const paths = { boolean: "/api/auth-boolean", closed: "/api/auth-closed", statement: "/api/auth-statement" };
let status = 0;
const { database, close } = await openDatabase();
const { server, origin } = await startServer();
try {
  const seed = createAuth({ database, baseURL: origin, basePath: "/api/auth" });
  const variants = [
    createAuth({ database, baseURL: origin, basePath: paths.boolean, canCreateInvite: true, hooks: false }),
    createAuth({ database, baseURL: origin, basePath: paths.closed, canCreateInvite: false, hooks: false }),
    createAuth({
      database,
      baseURL: origin,
      basePath: paths.statement,
      canCreateInvite: { statement: "user can invite users with specific roles", permissions: ["create:invite"] },
      hooks: false,
    }),
  ];
  mount(server, [seed, ...variants]);
  await check("tables by getMigrations(auth.options) from better-auth/db/migration", async () => {
    const { runMigrations } = await getMigrations(seed.options);
    await runMigrations();
  });
  await runFlows({ origin, seed, paths, check });
} catch (error) {
  status = 1;
  if (!(error instanceof CheckFailed)) {
    console.log(`FAIL [${kind}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    results.push({ name: "setup", ok: false, ms: 0, message: String(error) });
  }
} finally {
  await stopServer(server);
  await close();
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ kind, results }));
}
process.exit(status);
