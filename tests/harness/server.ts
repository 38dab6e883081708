// The servers the stories, the security suite and the benchmark run: the app's production server (server.mjs, what
// `npm start` runs, on the build `next build` made) or another Node entry, on a port and an environment of its own:
// started, waited for until it answers, and stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

/**
 * What `npm start` runs (`node <flags> <entry>`: the heap cap, the app's server.mjs), read from package.json, so that
 * a suite attacks and the benchmark measures the server as it is deployed.
 */
export function npmStartCommand(checkout = process.cwd()): { flags: string[]; entry: string } {
  const { scripts } = JSON.parse(readFileSync(path.join(checkout, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [command, ...words] = (scripts.start ?? "").split(/\s+/);
  const entry = words.find((word) => !word.startsWith("-"));
  if (command !== "node" || !entry) throw new Error(`npm start is not \`node [flags] <entry>\`: ${scripts.start}`);
  return { flags: words.slice(0, words.indexOf(entry)), entry: path.join(checkout, entry) };
}

export type ProductionEnvOptions = {
  port: number;
  /** The database's own variables: a TestDatabase's `env`. */
  database: Record<string, string>;
  secret: string;
  seedAdmin: { email: string; password: string };
  /** BETTER_AUTH_URL: the server's own address, or for instances behind one load balancer the one address they share. */
  publicUrl?: string;
  /** Anything else, over the defaults: RATE_LIMIT_ENABLED, TRUSTED_PROXIES, RESEND_API_KEY… */
  env?: Record<string, string>;
};

/**
 * The environment of a production server on the app's defaults, whatever the shell that runs the suite has set: the
 * given database and nothing else, the outbox for emails, a seeded admin, rate limits off unless asked for.
 */
export function productionEnv(options: ProductionEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "RESEND_API_KEY", "SEED_DEMO_ACCOUNTS", "INVITE_ONLY"]) delete env[name];
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(options.port),
    BETTER_AUTH_SECRET: options.secret,
    BETTER_AUTH_URL: options.publicUrl ?? `http://localhost:${options.port}`,
    EMAIL_TRANSPORT: "outbox",
    SEED_ADMIN_EMAIL: options.seedAdmin.email,
    SEED_ADMIN_PASSWORD: options.seedAdmin.password,
    RATE_LIMIT_ENABLED: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.database,
    ...options.env,
  };
}

export type StartOptions = {
  port: number;
  env: NodeJS.ProcessEnv;
  /** The checkout whose server runs: the working directory by default (bench/profile.ts compares two). */
  checkout?: string;
  /** What Node runs after its flags. Default: the checkout's server.mjs on `port`. */
  args?: string[];
  /** Flags for Node itself, before `args` (`--cpu-prof`, which NODE_OPTIONS refuses). Default: `npm start`'s own. */
  nodeFlags?: string[];
  /**
   * A process group of its own, stopped as a whole (a server that forks, as `next dev` does), and out of reach of a
   * terminal's Ctrl-C, so that the caller can stop it first and remove its database after: stopAllServers().
   */
  processGroup?: boolean;
  /** Print what the server prints as it comes, besides keeping it (the Playwright launcher, whose output Playwright shows). */
  echo?: boolean;
  /** How long it may take to answer /api/auth/ok, in ms. */
  startTimeout?: number;
};

export type RunningServer = {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves with its exit code once it has exited (null: ended by a signal). */
  exited: Promise<number | null>;
  /** Everything it printed: for assertions on what must never leak (stack traces), and for failures. */
  output: () => string;
  /** SIGTERM, then SIGKILL if it has not exited 15 s later. */
  stop: () => Promise<void>;
};

const running = new Set<RunningServer>();

/** Stops every server this process started and has not stopped yet: on Ctrl-C, before the database goes. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Starts a server and waits until it answers; a server that exits or never answers first fails with what it printed. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // Another server on the port would answer the readiness check for this one.
  if (await portInUse(options.port)) throw new Error(`Port ${options.port} is in use: another server, or one a killed run left behind`);
  const checkout = options.checkout ?? process.cwd();
  const args = options.args ?? [npmStartCommand(checkout).entry, "-p", String(options.port)];
  const nodeFlags = options.nodeFlags ?? npmStartCommand(checkout).flags;
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    cwd: checkout,
    env: options.env,
    detached: options.processGroup ?? false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk;
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk;
    if (options.echo) process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (name: NodeJS.Signals) => {
    if (hasExited()) return;
    try {
      if (options.processGroup) process.kill(-child.pid!, name);
      else child.kill(name);
    } catch (error) {
      // ESRCH: it exited meanwhile.
      if (!(error instanceof Error && "code" in error && error.code === "ESRCH")) throw error;
    }
  };

  const url = `http://localhost:${options.port}`;
  const server: RunningServer = {
    url,
    port: options.port,
    process: child,
    exited,
    output: () => output,
    stop: async () => {
      running.delete(server);
      signal("SIGTERM");
      const kill = setTimeout(() => signal("SIGKILL"), 15_000);
      await exited;
      clearTimeout(kill);
    },
  };
  running.add(server);

  const deadline = Date.now() + (options.startTimeout ?? 120_000);
  for (;;) {
    if (hasExited()) {
      running.delete(server);
      throw new Error(`The server on port ${options.port} exited:\n${output}`);
    }
    if (await answers(url)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`The server on port ${options.port} did not start:\n${output}`);
    }
    await sleep(250);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/auth/ok`)).ok;
  } catch {
    // Not listening yet.
    return false;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
