// Writes bench/results.json (every figure) and bench/results.md (the same figures as tables, each target met or not).
// How to read them, and why a target is missed, is docs/benchmarks.md: prose that outlives one run's figures.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "./database";
import type { Measurement, ScenarioRuns } from "./load";
import type { PairRun } from "./pair";
import type { ProcessMemory } from "./proc";
import { ORG_EQUIVALENT, type ScenarioId } from "./scenarios";
import type { ServerKind } from "./servers";
import type { Check } from "./verify";

const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));

// autocannon's latencies are whole milliseconds, mostly: no decimals it did not measure.
const milliseconds = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export type ServerRun = ScenarioRuns & { server: ServerKind; memory: ProcessMemory };

/** `pair`: the two-instance run, on PostgreSQL only. */
export type DatabaseRun = { database: DatabaseKind; servers: ServerRun[]; pair: PairRun | null; checks: Check[] };

export type BenchRun = {
  date: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; platform: string };
  seconds: number;
  warmupSeconds: number;
  connections: number;
  databases: DatabaseRun[];
};

type Figures = Measurement & { perSessionRead: number; perOrgEquivalent: number | null };

const SERVER_TITLES: Record<ServerKind, string> = {
  next: "The app: `npm start` (production build)",
  node: "Benchmark server: one Better Auth instance with the admin, invite and organization plugins on `node:http`",
};

const DATABASE_TITLES: Record<DatabaseKind, string> = { postgres: "PostgreSQL", pglite: "PGlite" };

const orgEquivalents: Partial<Record<ScenarioId, ScenarioId>> = ORG_EQUIVALENT;

function byId(run: ServerRun, id: ScenarioId): Measurement | undefined {
  return run.measurements.find((measurement) => measurement.id === id);
}

/**
 * Ratios of throughput: to the session read of the same server, and on the
 * benchmark server, where both plugins run in one process, to the
 * organization plugin's equivalent call.
 */
function figuresOf(run: ServerRun): Figures[] {
  const session = byId(run, "session")?.requestsPerSecond ?? Number.NaN;
  return run.measurements.map((measurement) => {
    const equivalent = orgEquivalents[measurement.id];
    const org = equivalent ? byId(run, equivalent)?.requestsPerSecond : undefined;
    return {
      ...measurement,
      perSessionRead: measurement.requestsPerSecond / session,
      perOrgEquivalent: org === undefined ? null : measurement.requestsPerSecond / org,
    };
  });
}

function table(figures: Figures[], withOrgColumn: boolean): string {
  const org = (cells: string) => (withOrgColumn ? cells : "");
  const lines = [
    `| call | req/s | p50 ms | p99 ms | non-2xx | ÷ session read |${org(" ÷ organization equivalent |")} other load |`,
    `|---|---:|---:|---:|---:|---:|${org("---:|")}---:|`,
  ];
  for (const row of figures) {
    lines.push(
      `| ${row.label} | ${fixed(row.requestsPerSecond, 0)} | ${milliseconds(row.p50Ms)} | ${milliseconds(row.p99Ms)} | ${row.non2xx}${row.errors > 0 ? ` + ${row.errors} without answer` : ""} | ${fixed(row.perSessionRead, 2)} |${org(` ${fixed(row.perOrgEquivalent, 2)} |`)} ${fixed(row.otherCpuCores, 2)} |`,
    );
  }
  for (const row of figures.filter((figure) => figure.firstRefusal)) lines.push("", `First refusal of ${row.id}: \`${row.firstRefusal}\``);
  return lines.join("\n");
}

function repeatedRuns(run: ScenarioRuns): string | null {
  if (run.discarded.length === 0) return null;
  const runs = run.discarded.map(
    (measurement) => `${measurement.id} (${fixed(measurement.otherCpuCores, 2)} cores taken by other processes)`,
  );
  return `Measured again once the machine was quiet, the first run discarded: ${runs.join(", ")}.`;
}

function databaseSection(database: DatabaseRun): string {
  const parts = [`## ${DATABASE_TITLES[database.database]}`];
  for (const run of database.servers) {
    parts.push(`### ${SERVER_TITLES[run.server]}`, table(figuresOf(run), run.server === "node"));
    const repeated = repeatedRuns(run);
    if (repeated) parts.push(repeated);
    parts.push(
      `Resident memory after its last call: **${fixed(run.memory.residentMiB, 0)} MiB** (peak ${fixed(run.memory.peakMiB, 0)} MiB), process \`${run.memory.title}\`.`,
    );
    const single = run.server === "next" ? run : null;
    if (single && database.pair) parts.push(pairSection(database.pair, single.measurements));
  }
  parts.push(
    "### Checks: the database holds what the 2xx answers claim",
    [
      "| what | 2xx counted | in the database | ok | note |",
      "|---|---:|---:|---|---|",
      ...database.checks.map(
        (check) => `| ${check.what} | ${check.counted} | ${check.inDatabase} | ${check.ok ? "yes" : "**no**"} | ${check.note} |`,
      ),
    ].join("\n"),
  );
  return parts.join("\n\n");
}

/** The two-instance row: each call's figures against the one instance's, how the load split, and both memories. */
function pairSection(pair: PairRun, single: Measurement[]): string {
  const lines = [
    "| call | req/s | ÷ one instance | p50 ms | p99 ms | non-2xx | 2xx per instance | other load |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of pair.measurements) {
    const one = single.find((measurement) => measurement.id === row.id);
    lines.push(
      `| ${row.label} | ${fixed(row.requestsPerSecond, 0)} | ${one ? fixed(row.requestsPerSecond / one.requestsPerSecond, 2) : "–"} | ${milliseconds(row.p50Ms)} | ${milliseconds(row.p99Ms)} | ${row.non2xx}${row.errors > 0 ? ` + ${row.errors} without answer` : ""} | ${row.byInstance.map((instance) => instance.ok).join(" + ")} | ${fixed(row.otherCpuCores, 2)} |`,
    );
  }
  for (const row of pair.measurements.filter((measurement) => measurement.firstRefusal))
    lines.push("", `First refusal of ${row.id}: \`${row.firstRefusal}\``);

  const crossed = (id: Measurement["id"]) => pair.measurements.find((measurement) => measurement.id === id)?.crossInstance;
  const sessions = crossed("session");
  const accepts = crossed("invite.accept");
  const memory = pair.memory
    .map((instance, i) => `instance ${i + 1} **${fixed(instance.residentMiB, 0)} MiB** (peak ${fixed(instance.peakMiB, 0)} MiB)`)
    .join(", ");
  const parts = [
    "### Two instances: `npm start` ×2 on the same database, the load spread over both",
    lines.join("\n"),
    repeatedRuns(pair),
    [
      sessions
        ? `Session reads with a session signed in on the other instance: ${sessions.ok} of ${sessions.requests} answered 2xx.`
        : null,
      accepts ? `Accepts whose session the other instance signed in: ${accepts.ok} of ${accepts.requests} answered 2xx.` : null,
      `Resident memory of each after its last call: ${memory}.`,
    ]
      .filter(Boolean)
      .join(" "),
  ];
  return parts.filter((part): part is string => part !== null).join("\n\n");
}

/** The issue's targets, checked against the run: each as measured, met or not, and by how much. */
type Row = { target: string; where: string; measured: string; met: boolean; by: string; why: string };

/** A call's cost as a multiple of the session read: the session read's req/s over the call's. */
function costOf(run: ServerRun, id: ScenarioId): number | null {
  const session = run.measurements.find((measurement) => measurement.id === "session")?.requestsPerSecond;
  const call = run.measurements.find((measurement) => measurement.id === id)?.requestsPerSecond;
  return session && call ? session / call : null;
}

const times = (value: number) => `${value.toFixed(2)}×`;

/** Where docs/benchmarks.md says what is known of why a target is missed. */
const whyIn = (heading: string) => `[docs/benchmarks.md](../docs/benchmarks.md#${heading})`;

/** A list p99 is mostly waiting for a core: the session read's own p99 under the same load is the floor to compare with. */
function listWhy(run: ServerRun): string {
  const session = run.measurements.find((measurement) => measurement.id === "session");
  const floor = session ? `The session read's own p99 on this server under the same load: ${session.p99Ms} ms. ` : "";
  return `${floor}${whyIn("list")}`;
}

function costRow(run: ServerRun, where: string, id: ScenarioId, label: string, limit: number, why: string): Row | null {
  const cost = costOf(run, id);
  if (cost === null) return null;
  const met = cost <= limit;
  return {
    target: `${label} within ${times(limit)} a session read`,
    where,
    measured: times(cost),
    met,
    by: met ? `${((1 - cost / limit) * 100).toFixed(0)}% under` : `${((cost / limit - 1) * 100).toFixed(0)}% over`,
    why: met ? "" : why,
  };
}

/** Scale-out, as far as one machine can show it: both instances answer every call, and the database agrees with them. */
function scaleOutRow(pair: PairRun, checks: Check[]): Row {
  const refused = pair.measurements.reduce((sum, measurement) => sum + measurement.non2xx + measurement.errors, 0);
  const failed = checks.filter((check) => !check.ok).length;
  const met = refused === 0 && failed === 0;
  return {
    target: "Two instances on one database: every call answered, writes as answered, no use spent twice",
    where: "app ×2",
    measured: `${refused} refused, ${failed} checks failed`,
    met,
    by: met ? "all checks hold" : `${refused} refused, ${failed} of ${checks.length} checks failed`,
    why: met ? "" : "See the two-instance table's first refusal and the checks.",
  };
}

function memoryRow(where: string, resident: number): Row {
  return {
    target: "Server memory after the benchmark under 250 MB",
    where,
    measured: `${resident.toFixed(0)} MiB`,
    met: resident < 250,
    by: resident < 250 ? `${(250 - resident).toFixed(0)} MiB under` : `${(resident - 250).toFixed(0)} MiB over`,
    why: resident < 250 ? "" : whyIn("server-memory"),
  };
}

function targetsSection({ databases, connections }: BenchRun): string | null {
  const postgres = databases.find((database) => database.database === "postgres");
  if (!postgres) return null;
  const rows: Row[] = [];
  for (const run of postgres.servers) {
    const where = run.server === "next" ? "app" : "benchmark server";
    rows.push(
      ...[
        costRow(run, where, "invite.get", "Invite look-up", 1.2, whyIn("invite-look-up")),
        costRow(run, where, "invite.create", "Creating a shareable invite", 1.3, whyIn("creating-a-shareable-invite")),
        costRow(run, where, "invite.accept", "Accept", 1.6, whyIn("accept")),
      ].filter((row): row is Row => row !== null),
    );
    const list = run.measurements.find((measurement) => measurement.id === "invite.list");
    if (list) {
      rows.push({
        target: "List p99 under 50 ms at 100,000 invitations",
        where,
        measured: `${list.p99Ms} ms`,
        met: list.p99Ms < 50,
        by: list.p99Ms < 50 ? `${50 - list.p99Ms} ms under` : `${(list.p99Ms / 50).toFixed(1)}× the target`,
        why: list.p99Ms < 50 ? "" : listWhy(run),
      });
    }
    if (run.server === "next") rows.push(memoryRow(where, run.memory.residentMiB));
  }
  if (postgres.pair) rows.push(scaleOutRow(postgres.pair, postgres.checks));
  // Each of the two instances is a server of its own and meets the same memory target.
  postgres.pair?.memory.forEach((instance, i) => rows.push(memoryRow(`app, instance ${i + 1} of 2`, instance.residentMiB)));
  return [
    `## Targets (PostgreSQL, ${connections} connections)`,
    "Costs are multiples of the session read on the same server (its req/s over the call's), as the targets are stated; the tables below give the inverse, req/s ratios.",
    [
      "| target | server | measured | met | by how much | why, where missed |",
      "|---|---|---:|---|---|---|",
      ...rows.map((row) => `| ${row.target} | ${row.where} | ${row.measured} | ${row.met ? "yes" : "**no**"} | ${row.by} | ${row.why} |`),
    ].join("\n"),
  ].join("\n\n");
}

export function writeResults(run: BenchRun, directory: string): void {
  const json = {
    ...run,
    databases: run.databases.map((database) => ({
      ...database,
      servers: database.servers.map((server) => ({ ...server, measurements: figuresOf(server) })),
    })),
  };
  writeFileSync(path.join(directory, "results.json"), `${JSON.stringify(json, null, 2)}\n`);

  const { machine } = run;
  const markdown = [
    "# Invite Kit benchmark",
    `Generated by \`npm run bench\` on ${run.date}. Machine: ${machine.cores} cores (${machine.cpu}), ${fixed(machine.memoryGiB, 1)} GiB, Node ${machine.node}, ${machine.platform}. Each call: ${run.warmupSeconds} s of warm-up, then ${run.seconds} s of load from ${run.connections} concurrent connections (autocannon).`,
    "How to read these tables, what runs, the caveats, and what is known of why a target is missed: [docs/benchmarks.md](../docs/benchmarks.md).",
    targetsSection(run),
    ...run.databases.map(databaseSection),
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");
  writeFileSync(path.join(directory, "results.md"), `${markdown}\n`);
}
