// `npm run bench:pglite-memory`: resident memory of `next dev` and `npm start` (server.mjs) on PGlite, after start and after a fixed round of page loads and API calls.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPgliteDatabase, type PgliteDatabase } from "../tests/harness/database";
import { type StartOptions, startServer } from "../tests/harness/server";
import { callApi, signIn } from "./http";
import { memoryOf, processTree } from "./proc";
import { BENCH_SECRET, nextBin } from "./servers";

const { values: flags } = parseArgs({
  options: { port: { type: "string", default: "3450" }, server: { type: "string", default: "dev,start" } },
});
const port = Number(flags.port);
const baseUrl = `http://localhost:${port}`;
const admin = { email: "admin@pglite-memory.example", password: "pglite-memory-password" };

type ServerMode = "dev" | "start";

/** The whole tree's resident memory (`next dev` forks its server and a CSS worker), and its largest process. */
export type TreeMemory = { totalMiB: number; largestMiB: number; processes: number };

export type StartMemory = { ready: TreeMemory; afterRequests: TreeMemory; readySeconds: number };

/** `firstStart`: a fresh folder, which PGlite initialises; `restart`: the same folder opened again, as on every later start. */
export type PgliteMemory = { server: ServerMode; firstStart: StartMemory; restart: StartMemory; requests: string[] };

function treeMemory(rootPid: number): TreeMemory {
  const sizes = processTree(rootPid).map((pid) => memoryOf(pid).residentMiB);
  return { totalMiB: sizes.reduce((sum, size) => sum + size, 0), largestMiB: Math.max(...sizes), processes: sizes.length };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pages a developer opens first and the API calls behind them; in development each page compiles on its first load. */
const PAGES = ["/", "/sign-in", "/dashboard", "/dashboard/invites"];

async function requestRound(): Promise<string[]> {
  const done: string[] = [];
  const { cookie } = await signIn(baseUrl, admin.email, admin.password);
  for (const page of PAGES) {
    const response = await fetch(`${baseUrl}${page}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status >= 500) throw new Error(`GET ${page} answered ${response.status}`);
    done.push(`GET ${page} ${response.status}`);
  }
  await callApi(baseUrl, "/get-session", z.unknown(), { cookie });
  const { data } = await callApi(baseUrl, "/invite/create", z.object({ token: z.string() }), { cookie, body: { role: "user" } });
  await callApi(baseUrl, `/invite/get?token=${encodeURIComponent(data.token)}`, z.unknown());
  await callApi(baseUrl, "/invite/list?limit=20", z.unknown(), { cookie });
  const invitePage = await fetch(`${baseUrl}/invite/${encodeURIComponent(data.token)}`, { headers: { cookie } });
  await invitePage.arrayBuffer();
  done.push("sign-in, get-session, invite/create, invite/get, invite/list", `GET /invite/[token] ${invitePage.status}`);
  return done;
}

function serverCommand(mode: ServerMode): Pick<StartOptions, "args" | "nodeFlags" | "env"> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    BETTER_AUTH_URL: baseUrl,
    EMAIL_TRANSPORT: "outbox",
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const name of ["NODE_ENV", "DATABASE_URL", "RESEND_API_KEY", "BETTER_AUTH_SECRET"]) delete env[name];
  if (mode === "dev") return { args: [nextBin(), "dev", "-p", String(port)], nodeFlags: [], env };
  // As `npm start` runs it (the harness's default): the production build, with its heap flag.
  return { env: { ...env, NODE_ENV: "production", BETTER_AUTH_SECRET: BENCH_SECRET } };
}

async function startAndMeasure(mode: ServerMode, database: PgliteDatabase): Promise<StartMemory & { requests: string[] }> {
  const { env, ...command } = serverCommand(mode);
  const started = Date.now();
  // `next dev` forks its server: a process group of its own, stopped as a whole.
  const server = await startServer({ port, env: { ...env, ...database.env }, ...command, processGroup: true, startTimeout: 180_000 });
  try {
    const readySeconds = (Date.now() - started) / 1000;
    // Let start-up work (the seed, a first compile) settle before reading.
    await sleep(3_000);
    const ready = treeMemory(server.process.pid!);
    const requests = await requestRound();
    await sleep(3_000);
    return { ready, afterRequests: treeMemory(server.process.pid!), readySeconds, requests };
  } finally {
    await server.stop();
  }
}

export async function measurePgliteMemory(mode: ServerMode): Promise<PgliteMemory> {
  const database = await createPgliteDatabase(`pglite_memory_${mode}`);
  try {
    const { requests, ...firstStart } = await startAndMeasure(mode, database);
    const { requests: _again, ...restart } = await startAndMeasure(mode, database);
    return { server: mode, firstStart, restart, requests };
  } finally {
    await database.drop();
  }
}

async function main() {
  const modes = (flags.server ?? "").split(",").filter((mode): mode is ServerMode => mode === "dev" || mode === "start");
  for (const mode of modes) {
    const result = await measurePgliteMemory(mode);
    const line = (label: string, start: StartMemory) =>
      `${label}: ready in ${start.readySeconds.toFixed(0)} s at ${start.ready.totalMiB.toFixed(0)} MiB, ${start.afterRequests.totalMiB.toFixed(0)} MiB after the requests (largest process ${start.afterRequests.largestMiB.toFixed(0)} MiB of ${start.afterRequests.processes})`;
    const command = mode === "dev" ? "next dev" : "npm start";
    console.info(`[pglite-memory] ${command}, ${line("first start", result.firstStart)}`);
    console.info(`[pglite-memory] ${command}, ${line("restart", result.restart)}`);
    console.info(JSON.stringify(result));
  }
}

if (process.argv[1]?.endsWith("pglite-memory.ts")) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
