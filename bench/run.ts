// `npm run bench`: builds the app, measures it (one instance, and on PostgreSQL two) and the organization plugin on PostgreSQL and PGlite, writes bench/results.{md,json}.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "../tests/harness/database";
import { stopAllServers } from "../tests/harness/server";
import { benchPostgresUrl, type DatabaseKind, withSql } from "./database";
import { runPair, type PairRun } from "./pair";
import { writeResults, type DatabaseRun, type ServerRun } from "./report";
import { inviteScenarios, newCursors, organizationScenarios, type Scenario, type ScenarioId } from "./scenarios";
import { log, oneServer, runScenarios, type RunSettings, type ScenarioRuns } from "./load";
import { planFor, ROWS_IN_TABLE, seedOverHttp, seedWithSql } from "./seed";
import { buildApp, serverEnv, startNextServer, startNodeServer, type RunningServer } from "./servers";
import { acceptsBetween, removeCreatedInvites, verifyWrites, writeCheck, type Tally } from "./verify";

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
// The two-instance row: the app's port and the one after the benchmark server's.
const pairPorts: [number, number] = [nextPort, nextPort + 2];
if (flags.only !== undefined && flags.only !== "postgres" && flags.only !== "pglite") throw new Error("--only must be postgres or pglite");
const databases: DatabaseKind[] = flags.only === "postgres" || flags.only === "pglite" ? [flags.only] : ["postgres", "pglite"];
const settings: RunSettings = { seconds, warmupSeconds, connections, retries };

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

/** Starts a server, runs the scenarios on it, reads its memory after the last, stops it. */
async function runOnServer(start: () => Promise<RunningServer>, scenarios: Scenario[], label: string): Promise<ServerRun> {
  const server = await start();
  try {
    const runs = await runScenarios(oneServer(server.url), scenarios, label, settings);
    return { server: server.kind, memory: server.memory(), ...runs };
  } finally {
    await server.stop();
  }
}

function tally(runs: ScenarioRuns[], id: ScenarioId): Tally {
  const all = runs.flatMap((run) => [...run.measurements, ...run.warmups, ...run.discarded]).filter((measurement) => measurement.id === id);
  return { ok: all.reduce((sum, measurement) => sum + measurement.ok, 0), runs: all.length };
}

async function benchDatabase(kind: DatabaseKind): Promise<DatabaseRun> {
  const database = await createDatabase("bench", kind === "postgres" ? benchPostgresUrl : undefined);
  removeDatabase = database.drop;
  log(`${kind}: fresh database ${JSON.stringify(database.env)}`);
  try {
    const nextEnv = serverEnv(nextPort, database.env);
    // Two instances at once need a database both can open: PostgreSQL only.
    const withPair = kind === "postgres";
    // Every run of a writing scenario spends fresh pairs: the warm-up, the measured run and its possible repeats.
    const plan = planFor(warmupSeconds + seconds * (1 + retries), withPair ? 3 : 2);

    const setupServer = await startNextServer(nextPort, nextEnv);
    const httpFixture = await seedOverHttp(setupServer.url, plan).finally(() => setupServer.stop());
    log(
      `${kind}: ${httpFixture.users.length} users signed up, ${httpFixture.acceptTokens.length} invites of ${httpFixture.users.length} uses created over HTTP`,
    );
    const fixture = await withSql(database, (sql) => seedWithSql(sql, httpFixture, plan));
    log(`${kind}: ${ROWS_IN_TABLE} invites and ${ROWS_IN_TABLE} organization invitations in place`);

    const cursors = newCursors();
    const app = inviteScenarios(fixture, cursors);
    const org = organizationScenarios(fixture, cursors);

    const nextStarted = new Date();
    const nextRun = await runOnServer(
      () => startNextServer(nextPort, nextEnv),
      [app.session, app["invite.get"], app["invite.list"], app["invite.create"], app["invite.accept"]],
      `${kind} next`,
    );
    const createdOnNext = await withSql(database, (sql) => removeCreatedInvites(sql, nextStarted));

    const pairStarted = new Date();
    const pair: PairRun | null = withPair ? await runPair(pairPorts, database, fixture, cursors, settings) : null;
    const pairEnded = new Date();
    const pairWrites = pair
      ? await withSql(database, async (sql) => ({
          created: (await removeCreatedInvites(sql, pairStarted)).created,
          accepted: await acceptsBetween(sql, pairStarted, pairEnded),
        }))
      : null;

    const nodeStarted = new Date();
    // Each plugin's call next to its counterpart, lists before creates so both list the same 100,000 rows.
    const nodeRun = await runOnServer(
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

    const runs: ScenarioRuns[] = [nextRun, nodeRun, ...(pair ? [pair] : [])];
    const checks = await withSql(database, async (sql) => {
      const createdOnNode = await removeCreatedInvites(sql, nodeStarted);
      return [
        writeCheck("invite creates on next: invite rows", tally([nextRun], "invite.create"), createdOnNext.created, connections),
        ...(pair && pairWrites
          ? [
              writeCheck("invite creates on two instances: invite rows", tally([pair], "invite.create"), pairWrites.created, connections),
              writeCheck(
                "invite accepts on two instances: invite_use rows",
                tally([pair], "invite.accept"),
                pairWrites.accepted,
                connections,
              ),
            ]
          : []),
        writeCheck("invite creates on node: invite rows", tally([nodeRun], "invite.create"), createdOnNode.created, connections),
        ...(await verifyWrites(
          sql,
          { inviteAccepts: tally(runs, "invite.accept"), orgAccepts: tally(runs, "org.accept"), orgInvites: tally(runs, "org.create") },
          connections,
        )),
      ];
    });
    for (const check of checks)
      log(`${kind} check ${check.ok ? "ok" : "FAILED"}: ${check.what}: ${check.counted} counted, ${check.inDatabase} in the database`);
    return { database: kind, servers: [nextRun, nodeRun], pair, checks };
  } finally {
    removeDatabase = null;
    await database.drop();
  }
}

async function main() {
  if (flags["no-build"] && existsSync(path.join(".next", "BUILD_ID"))) log("--no-build: using the existing .next build");
  else await buildApp();

  const results: DatabaseRun[] = [];
  for (const kind of databases) results.push(await benchDatabase(kind));

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
