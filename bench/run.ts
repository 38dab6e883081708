// `npm run bench`: builds the app, measures it and the organization plugin on PostgreSQL and PGlite, writes bench/results.{md,json}.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBenchDatabase, DEFAULT_POSTGRES_URL, withSql, type DatabaseKind } from "./database";
import { measure, type LoadOptions, type Measurement } from "./measure";
import { writeResults, type DatabaseRun, type ServerRun } from "./report";
import { inviteScenarios, newCursors, organizationScenarios, type Scenario, type ScenarioId } from "./scenarios";
import { otherCores, sampleCpu } from "./proc";
import { planFor, ROWS_IN_TABLE, seedOverHttp, seedWithSql } from "./seed";
import { buildApp, serverEnv, startNextServer, startNodeServer, stopAllServers, type RunningServer } from "./servers";
import { removeCreatedInvites, verifyWrites, writeCheck, type Tally } from "./verify";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "1" },
    connections: { type: "string", default: "8" },
    retries: { type: "string", default: "2" },
    port: { type: "string", default: "3400" },
    only: { type: "string" },
    "no-build": { type: "boolean", default: false },
  },
});

function numberFlag(name: "duration" | "warmup" | "connections" | "port" | "retries"): number {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, got ${JSON.stringify(flags[name])}`);
  return value;
}

const seconds = numberFlag("duration");
const warmupSeconds = numberFlag("warmup");
const connections = numberFlag("connections");
const retries = numberFlag("retries");
const nextPort = numberFlag("port");
const nodePort = nextPort + 1;
if (flags.only !== undefined && flags.only !== "postgres" && flags.only !== "pglite") throw new Error("--only must be postgres or pglite");
const databases: DatabaseKind[] = flags.only === "postgres" || flags.only === "pglite" ? [flags.only] : ["postgres", "pglite"];
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;

const log = (message: string) => console.info(`[bench] ${message}`);

// The servers are in their own process groups and the database outlives us unless removed: clean both up on Ctrl-C.
let removeDatabase: (() => Promise<void>) | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and removing the benchmark database`);
    void stopAllServers()
      .then(() => removeDatabase?.())
      .finally(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// autocannon stops with a request in flight on every connection: let the server finish them before anything else runs.
const settle = () => sleep(1_000);

/** Other processes' CPU above which a measurement says more about them than about the server (on 2 cores, a quarter of one). */
const BUSY_CORES = 0.25;

/** Waits until other processes leave the CPU alone for 5 s, for at most 10 minutes. */
async function waitForQuietMachine(): Promise<void> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    const before = sampleCpu();
    await sleep(5_000);
    if (otherCores(before, sampleCpu()) < BUSY_CORES) return;
  }
  log("the machine stayed busy for 10 minutes: measuring anyway");
}

/**
 * Warm-up then the measured run, for each scenario in turn, on one server;
 * its memory is read after the last. A run that overlapped another
 * process's CPU use is discarded and repeated once the machine is quiet, up
 * to --retries times; discarded runs still count in the write checks.
 */
async function runScenarios(start: () => Promise<RunningServer>, scenarios: Scenario[], label: string): Promise<ServerRun> {
  const server = await start();
  try {
    const load: LoadOptions = { seconds, connections };
    const warmups: Measurement[] = [];
    const measurements: Measurement[] = [];
    const discarded: Measurement[] = [];
    for (const scenario of scenarios) {
      if (warmupSeconds > 0) {
        warmups.push(await measure(server.baseUrl, scenario, { ...load, seconds: warmupSeconds }));
        await settle();
      }
      let result = await measure(server.baseUrl, scenario, load);
      await settle();
      for (let retry = 1; retry <= retries && result.otherCpuCores >= BUSY_CORES; retry++) {
        log(`${label} ${scenario.id}: other processes took ${result.otherCpuCores.toFixed(2)} cores meanwhile; waiting for a quiet machine to measure again`);
        discarded.push(result);
        await waitForQuietMachine();
        result = await measure(server.baseUrl, scenario, load);
        await settle();
      }
      measurements.push(result);
      log(
        `${label} ${scenario.id}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}` +
          (result.firstRefusal ? ` (first: ${result.firstRefusal})` : "") +
          (result.otherCpuCores >= BUSY_CORES ? `, other processes took ${result.otherCpuCores.toFixed(2)} cores meanwhile` : ""),
      );
    }
    return { server: server.kind, memory: server.memory(), measurements, warmups, discarded };
  } finally {
    await server.stop();
  }
}

function tally(runs: ServerRun[], id: ScenarioId): Tally {
  const all = runs.flatMap((run) => [...run.measurements, ...run.warmups, ...run.discarded]).filter((measurement) => measurement.id === id);
  return { ok: all.reduce((sum, measurement) => sum + measurement.ok, 0), runs: all.length };
}

async function benchDatabase(kind: DatabaseKind, stamp: string): Promise<DatabaseRun> {
  const database = await createBenchDatabase(kind, postgresUrl, stamp);
  removeDatabase = database.remove;
  log(`${kind}: fresh database ${JSON.stringify(database.env)}`);
  try {
    const nextEnv = serverEnv(nextPort, database.env);
    // Every run of a writing scenario spends fresh pairs: the warm-up, the measured run and its possible repeats.
    const plan = planFor(warmupSeconds + seconds * (1 + retries));

    const setupServer = await startNextServer(nextPort, nextEnv);
    const httpFixture = await seedOverHttp(setupServer.baseUrl, plan).finally(() => setupServer.stop());
    log(`${kind}: ${httpFixture.users.length} users signed up, ${httpFixture.acceptTokens.length} unlimited invites created over HTTP`);
    const fixture = await withSql(database, (sql) => seedWithSql(sql, httpFixture, plan));
    log(`${kind}: ${ROWS_IN_TABLE} invites and ${ROWS_IN_TABLE} organization invitations in place`);

    const cursors = newCursors();
    const app = inviteScenarios(fixture, cursors);
    const org = organizationScenarios(fixture, cursors);

    const nextStarted = new Date();
    const nextRun = await runScenarios(
      () => startNextServer(nextPort, nextEnv),
      [app.session, app["invite.get"], app["invite.list"], app["invite.create"], app["invite.accept"]],
      `${kind} next`,
    );
    const createdOnNext = await withSql(database, (sql) => removeCreatedInvites(sql, nextStarted));

    const nodeStarted = new Date();
    // Each plugin's call next to its counterpart, lists before creates so both list the same 100,000 rows.
    const nodeRun = await runScenarios(
      () => startNodeServer(nodePort, serverEnv(nodePort, database.env)),
      [
        app.session,
        app["invite.get"],
        org["org.get"],
        app["invite.list"],
        org["org.list"],
        app["invite.create"],
        org["org.create"],
        app["invite.accept"],
        org["org.accept"],
      ],
      `${kind} node`,
    );

    const runs = [nextRun, nodeRun];
    const checks = await withSql(database, async (sql) => {
      const createdOnNode = await removeCreatedInvites(sql, nodeStarted);
      return [
        writeCheck("invite creates on next: invite rows", tally([nextRun], "invite.create"), createdOnNext.created, connections),
        writeCheck("invite creates on node: invite rows", tally([nodeRun], "invite.create"), createdOnNode.created, connections),
        ...(await verifyWrites(
          sql,
          { inviteAccepts: tally(runs, "invite.accept"), orgAccepts: tally(runs, "org.accept"), orgInvites: tally(runs, "org.create") },
          connections,
        )),
      ];
    });
    for (const check of checks) log(`${kind} check ${check.ok ? "ok" : "FAILED"}: ${check.what}: ${check.counted} counted, ${check.inDatabase} in the database`);
    return { database: kind, servers: runs, checks };
  } finally {
    removeDatabase = null;
    await database.remove();
  }
}

async function main() {
  if (flags["no-build"] && existsSync(path.join(".next", "BUILD_ID"))) log("--no-build: using the existing .next build");
  else await buildApp();

  const stamp = `${Date.now()}_${process.pid}`;
  const results: DatabaseRun[] = [];
  for (const kind of databases) results.push(await benchDatabase(kind, stamp));

  const cpus = os.cpus();
  writeResults(
    {
      date: new Date().toISOString(),
      machine: {
        cores: os.availableParallelism(),
        cpu: cpus[0]?.model.trim() ?? "unknown",
        memoryGiB: os.totalmem() / 1024 ** 3,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      seconds,
      warmupSeconds,
      connections,
      databases: results,
    },
    "bench",
  );
  log("wrote bench/results.md and bench/results.json");
  if (results.some((result) => result.checks.some((check) => !check.ok))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
