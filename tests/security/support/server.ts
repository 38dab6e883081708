import { readFileSync } from "node:fs";
import { securityPort } from "../../../e2e/support/ports";
import { createDatabase as createTestDatabase, postgresServerUrl, type TestDatabase } from "../../harness/database";
import { npmStartCommand, productionEnv, type RunningServer, startServer as startTestServer } from "../../harness/server";

/**
 * Production servers for the security suite: the app's server (server.mjs, what `npm start` runs) on the build that
 * `npm run test:e2e` made, each on its own port, with Better Auth's origin check and rate limits on, as in
 * production. Several may share one database.
 */

export const postgresUrl = postgresServerUrl;
export const secret = "security-suite-secret-security-suite-secret";
export const seededAdmin = { email: "admin@example.com", password: "security-admin-password" };

export type Database = TestDatabase;

/** A fresh database: on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set, otherwise a fresh PGlite folder. */
export function createDatabase(label: string): Promise<Database> {
  return createTestDatabase(`sec_${label}`, postgresUrl);
}

export type Server = RunningServer & {
  /** Resident memory of the server process, in bytes (Linux). */
  rss: () => number;
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
  const server = await startTestServer({
    port: options.port,
    nodeFlags: options.nodeFlags,
    env: productionEnv({
      port: options.port,
      database: options.database.env,
      secret,
      seedAdmin: seededAdmin,
      env: {
        RATE_LIMIT_ENABLED: "true",
        TRUSTED_PROXIES: "127.0.0.1,::1",
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...options.env,
      },
    }),
  });
  return {
    ...server,
    rss: () => {
      const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
  };
}

/** The Node flags of `npm start` in package.json (its heap size), to run a server as it is deployed. */
export function npmStartFlags(): string[] {
  return npmStartCommand().flags;
}

/** The lines of a server's log that mention an error: a story that expects none checks this is empty. */
export function loggedErrors(server: Server): string[] {
  return server
    .output()
    .split("\n")
    .filter((line) => /error/i.test(line));
}

/** The port of the suite's shared server (offset 0) or of one a spec starts itself (e2e/support/ports.ts). */
export const portFor = securityPort;
