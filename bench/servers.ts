// Starts and stops the servers under test, and reads a server's resident memory.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { memoryOf, processTree, type ProcessMemory } from "./proc";

export type ServerKind = "next" | "node";

export type RunningServer = {
  kind: ServerKind;
  baseUrl: string;
  /** The process started, root of the server's process tree. */
  pid: number;
  memory: () => ProcessMemory;
  stop: () => Promise<void>;
};

// Servers run in process groups of their own, out of reach of a Ctrl-C: stopAllServers() stops them.
const running = new Set<() => Promise<void>>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret-0123";
export const BENCH_ADMIN = { email: "admin@bench.example", password: "bench-admin-password" };

/** One key for every server of the run, as docs/deploy.md asks of instances behind one load balancer. */
const ACTIONS_KEY = randomBytes(32).toString("base64");

/**
 * The environment e2e/support/start-server.mjs gives the production server,
 * on the benchmark's own database. `publicUrl` is BETTER_AUTH_URL: the
 * server's own address, or for instances behind a load balancer the one
 * address they all share.
 */
export function serverEnv(port: number, database: Record<string, string>, publicUrl = `http://localhost:${port}`): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    BETTER_AUTH_SECRET: BENCH_SECRET,
    BETTER_AUTH_URL: publicUrl,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTIONS_KEY,
    EMAIL_TRANSPORT: "outbox",
    SEED_ADMIN_EMAIL: BENCH_ADMIN.email,
    SEED_ADMIN_PASSWORD: BENCH_ADMIN.password,
    RATE_LIMIT_ENABLED: "false",
  };
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "RESEND_API_KEY", "SEED_DEMO_ACCOUNTS", "INVITE_ONLY"]) delete env[name];
  return { ...env, ...database };
}

export function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [nextBin(), "build"], { stdio: "inherit" });
    build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

/** `npm start`'s server. `nodeFlags`: extra flags for Node, such as `--cpu-prof` (which NODE_OPTIONS refuses). */
export function startNextServer(port: number, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<RunningServer> {
  const { flags, entry } = startCommand();
  return startServer("next", port, [...flags, ...nodeFlags, entry, "-p", String(port)], env);
}

/**
 * What `npm start` runs (`node <flags> <entry>`: the heap size, the app's server.mjs), read from
 * package.json, so that the benchmark measures the server as it is deployed.
 */
export function startCommand(): { flags: string[]; entry: string } {
  const scripts = (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...words] = scripts.start!.split(/\s+/);
  const entry = words.find((word) => !word.startsWith("-"));
  if (command !== "node" || !entry) throw new Error(`npm start is not \`node [flags] <entry>\`: ${scripts.start}`);
  return { flags: words.slice(0, words.indexOf(entry)), entry: path.join(process.cwd(), entry) };
}

/** `nodeFlags`: extra flags for Node, such as `--cpu-prof` (which NODE_OPTIONS refuses). */
export function startNodeServer(port: number, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<RunningServer> {
  return startServer("node", port, [...nodeFlags, "--import", "tsx", path.join("bench", "org-server.ts")], env);
}

export function nextBin(): string {
  // Node itself rather than npx: no wrapper process between us and the server.
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

async function startServer(kind: ServerKind, port: number, args: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  if (await portInUse(port)) throw new Error(`Port ${port} is in use: pick another with --port`);
  // Its own process group, so that stopping it also stops any child it forked.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    running.delete(stop);
    await stopGroup(child, exited);
  };
  running.add(stop);
  const baseUrl = `http://localhost:${port}`;

  if (!(await waitUntilReady(baseUrl, exited))) {
    await stop();
    throw new Error(`The ${kind} server on port ${port} did not start:\n${output}`);
  }
  return { kind, baseUrl, pid: child.pid!, memory: () => memoryOf(servingProcess(child.pid!)), stop };
}

async function waitUntilReady(baseUrl: string, exited: Promise<number | null>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  while (!gone && Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/auth/ok`);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid!, "SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    process.kill(-child.pid!, "SIGKILL");
    await exited;
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
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
