// The servers under test, on the test harness (tests/harness/server.ts): the app as `npm start` runs it, the benchmark
// server (org-server.ts), the build they run, and the memory of the process that serves.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { npmStartCommand, productionEnv, type RunningServer as HarnessServer, startServer } from "../tests/harness/server";
import { memoryOf, processTree, type ProcessMemory } from "./proc";

export type ServerKind = "next" | "node";

export type RunningServer = HarnessServer & {
  kind: ServerKind;
  memory: () => ProcessMemory;
};

export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret-0123";
export const BENCH_ADMIN = { email: "admin@bench.example", password: "bench-admin-password" };

/** One key for every server of the run, as docs/deploy.md asks of instances behind one load balancer. */
const ACTIONS_KEY = randomBytes(32).toString("base64");

/**
 * The production server's environment on the benchmark's own database. `publicUrl` is BETTER_AUTH_URL: the server's
 * own address, or for instances behind a load balancer the one address they all share.
 */
export function serverEnv(port: number, database: Record<string, string>, publicUrl?: string): NodeJS.ProcessEnv {
  return productionEnv({
    port,
    database,
    secret: BENCH_SECRET,
    seedAdmin: BENCH_ADMIN,
    publicUrl,
    // The load creates thousands of invitations as one admin: the app's limit on pending ones would refuse them.
    env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTIONS_KEY, INVITATION_LIMIT: "none" },
  });
}

export function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [nextBin(), "build"], { stdio: "inherit" });
    build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

export function nextBin(): string {
  // Node itself rather than npx: no wrapper process between us and the server.
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

/** `nodeFlags`: extra flags for Node, such as `--cpu-prof` (which NODE_OPTIONS refuses); `checkout`: whose server, this one by default. */
type StartExtras = { nodeFlags?: string[]; checkout?: string };

/** `npm start`'s server. */
export async function startNextServer(port: number, env: NodeJS.ProcessEnv, extras: StartExtras = {}): Promise<RunningServer> {
  const nodeFlags = [...npmStartCommand(extras.checkout).flags, ...(extras.nodeFlags ?? [])];
  return measured("next", await startServer({ port, env, checkout: extras.checkout, nodeFlags, processGroup: true }));
}

/** The benchmark server: both invitation plugins in one Better Auth instance on `node:http`. */
export async function startNodeServer(port: number, env: NodeJS.ProcessEnv, extras: StartExtras = {}): Promise<RunningServer> {
  const checkout = extras.checkout ?? process.cwd();
  const args = ["--import", "tsx", path.join(checkout, "bench", "org-server.ts")];
  return measured("node", await startServer({ port, env, checkout, args, nodeFlags: extras.nodeFlags ?? [], processGroup: true }));
}

function measured(kind: ServerKind, server: HarnessServer): RunningServer {
  return { ...server, kind, memory: () => memoryOf(servingProcess(server.process.pid!)) };
}

/**
 * The process that answers requests, not a wrapper: the one titled
 * `next-server (v…)` (`next start` in Next 16 retitles itself, as `next dev`'s
 * server does; older versions forked a child so titled), else the largest
 * process of the tree (server.mjs serves in the process started).
 */
function servingProcess(rootPid: number): number {
  const tree = processTree(rootPid);
  const titled = tree.find((pid) => memoryOf(pid).title.startsWith("next-server"));
  if (titled) return titled;
  return tree.reduce((best, pid) => (memoryOf(pid).residentMiB > memoryOf(best).residentMiB ? pid : best), rootPid);
}
