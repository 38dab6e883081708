import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

/**
 * Production servers for the security suite: the app's server (server.mjs, what
 * `npm start` runs) on the build that `npm run test:e2e` made, each on its own
 * port, with Better Auth's origin check and rate limits on, as in production.
 * Several may share one database.
 */

export const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
export const secret = "security-suite-secret-security-suite-secret";
export const seededAdmin = { email: "admin@example.com", password: "security-admin-password" };

const root = process.cwd();
const serverEntry = path.join(root, "server.mjs");

export type Database = { kind: "postgres"; url: string; drop: () => Promise<void> } | { kind: "pglite"; dir: string; drop: () => Promise<void> };

/** A fresh database: on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set, otherwise a fresh PGlite folder. */
export async function createDatabase(label: string): Promise<Database> {
  // TEST_DATABASE_PREFIX tells apart the databases of checkouts that share one PostgreSQL server.
  const name = `${process.env.TEST_DATABASE_PREFIX || "invitekit"}_sec_${label}_${Date.now()}_${process.pid}`;
  if (!postgresUrl) {
    const dir = `.data/${name}`;
    rmSync(path.join(root, dir), { recursive: true, force: true });
    return { kind: "pglite", dir, drop: async () => rmSync(path.join(root, dir), { recursive: true, force: true }) };
  }
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    drop: async () => {
      const sql = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    },
  };
}

export type Server = {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the server printed, for assertions on what must never leak (stack traces) and for failures. */
  output: () => string;
  /** Resident memory of the server process, in bytes (Linux). */
  rss: () => number;
  stop: () => Promise<void>;
};

/**
 * Starts the app's server on `port` against `database` (or `databaseUrl`, e.g. through a proxy) and waits until it answers.
 * It trusts the loopback as its proxy, as docs/deploy.md has a deployment behind a load balancer do: the suite's client
 * (support/client.ts) then plays the load balancer, and each test's X-Forwarded-For is its address. `env` may say otherwise
 * (TRUSTED_PROXIES: "" is the defaults: spoofed-addresses.spec.ts).
 */
export async function startServer(options: {
  port: number;
  database: Database;
  /** Overrides the database's URL, e.g. to go through a TCP proxy. */
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Flags for Node itself, before `server.mjs`. Default: `npm start`'s own (its heap cap), so the suite attacks what production runs. */
  nodeFlags?: string[];
}): Promise<Server> {
  const url = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    BETTER_AUTH_SECRET: secret,
    BETTER_AUTH_URL: url,
    EMAIL_TRANSPORT: "outbox",
    SEED_ADMIN_EMAIL: seededAdmin.email,
    SEED_ADMIN_PASSWORD: seededAdmin.password,
    RATE_LIMIT_ENABLED: "true",
    TRUSTED_PROXIES: "127.0.0.1,::1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  if (options.database.kind === "postgres") env.DATABASE_URL = options.databaseUrl ?? options.database.url;
  else env.PGLITE_DIR = options.database.dir;
  if (!options.env?.RESEND_API_KEY) delete env.RESEND_API_KEY;

  let output = "";
  const child = spawn(process.execPath, [...(options.nodeFlags ?? npmStartFlags()), serverEntry, "-p", String(options.port)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${options.port} exited:\n${output}`);
    try {
      const response = await fetch(`${url}/api/auth/ok`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server on port ${options.port} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    port: options.port,
    process: child,
    output: () => output,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** The Node flags of `npm start` in package.json (its heap size), to run a server as it is deployed. */
export function npmStartFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return scripts.start?.match(/--[a-z-]+=\S+/g) ?? [];
}

/** Ports for servers a spec starts itself, clear of the browser stories' (E2E_PORT, E2E_PORT + 1). */
export function portFor(offset: number): number {
  return Number(process.env.E2E_PORT ?? 3100) + 10 + offset;
}
