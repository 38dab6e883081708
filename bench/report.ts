// Writes bench/results.json (every figure) and bench/results.md (the same figures as tables, with how to read them).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "./database";
import { fixed, milliseconds } from "./format";
import type { Measurement, ScenarioRuns } from "./load";
import { ORG_EQUIVALENT, type ScenarioId } from "./scenarios";
import type { PairRun } from "./pair";
import { pairSection } from "./pair-report";
import type { ProcessMemory } from "./proc";
import type { ServerKind } from "./servers";
import { targetsSection } from "./targets";
import type { Check } from "./verify";

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

export function repeatedRuns(run: ScenarioRuns): string | null {
  if (run.discarded.length === 0) return null;
  const runs = run.discarded.map((measurement) => `${measurement.id} (${fixed(measurement.otherCpuCores, 2)} cores taken by other processes)`);
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
      ...database.checks.map((check) => `| ${check.what} | ${check.counted} | ${check.inDatabase} | ${check.ok ? "yes" : "**no**"} | ${check.note} |`),
    ].join("\n"),
  );
  return parts.join("\n\n");
}

const HOW_TO_READ = `**How to read it.** req/s is autocannon's mean of its per-second samples; p50 and p99 are latencies in ms; non-2xx counts every answer that was not a success (the writing calls are built so that each one can succeed). *÷ session read* is the call's req/s divided by Better Auth's own session read (\`GET /get-session\`, a cookie look-up) on the same server: the floor any authenticated call stands on. *÷ organization equivalent* is the invite plugin's req/s divided by that of the organization plugin's call doing the same job (look-up, list, create, accept), both measured in the same process on the benchmark server: above 1, the invite plugin serves more requests per second. The benchmark server keeps Better Auth's defaults (joins off, as in an app that copies the plugin), where the app turns joins on: there a session read is one statement instead of two, and a list page two instead of three. The app's table has no such column, since the organization plugin does not run in it, and it would be wrong to derive one through the session reads: Next adds a roughly fixed cost per request, which slows the cheap session read far more than the database-bound calls. *Other load* is how many cores' worth of CPU processes other than the benchmark, its servers and PostgreSQL used during the run (from /proc): near 0 on a quiet machine; a run that overlapped 0.25 cores or more is measured again once the machine is quiet.

*Two instances* (PostgreSQL only): two \`npm start\` processes of the same build on the same database, with the same \`BETTER_AUTH_SECRET\`, \`NEXT_SERVER_ACTIONS_ENCRYPTION_KEY\` and public URL (\`BETTER_AUTH_URL\`: the first instance's address stands for the load balancer's, and both check Origin against it), as docs/deploy.md describes. There is no proxy in between: one autocannon run deals its connections out over the two addresses, half each, so the figures are the instances' and not a proxy's, which on the same cores would take its own share of the CPU. req/s, p50 and p99 are of all requests together; *÷ one instance* divides by the same call's req/s on the single \`npm start\` above; *2xx per instance* shows how the answers split. Before the load the 120 users sign in again, user i on instance i mod 2, and the admin on the second: every session read carries a session the *other* instance signed in, creates and accepts carry sessions from both, and the accepts spend the same invites from both instances; the checks below then compare what both wrote with the 2xx they answered, and that no use was spent twice. **On this 2-core machine the two instances, autocannon and PostgreSQL share the same two cores**, so the row cannot show scale-out: a ratio near 1, or below it, is what sharing the CPU gives, with a second process's memory and more context switches as the cost. What the row shows is that two instances on one database serve the same calls correctly and interchangeably, and what the second instance costs; the throughput of more instances needs more cores, or machines.`;

const METHOD = `**What runs.** Each database row gets a fresh database (a new PostgreSQL database, dropped after; a new PGlite folder under \`.data/\`, removed after). The app starts once to migrate, seed the admin and take the set-up over HTTP (120 users signed up, the admin signed in, the invites of 120 uses each that the accept call spends), then stops while SQL fills the \`invite\` table to 100,000 rows and creates the organization plugin's tables, with 100,000 invitations across 1,000+ organizations. Then \`npm start\` is measured and stopped; on PostgreSQL two \`npm start\` instances are then started, one after the other, and measured together (see *Two instances* above) and stopped; then the benchmark server (\`bench/org-server.ts\`) is started on the same database and measured. PGlite is one process's folder, hence the stops: no two processes have it open at once.

**The calls.** *Session read*: each request another user's cookie. *Invite look-up*: \`GET /invite/get\` without a cookie, rotating over the shareable invites. *Organization get-invitation*: the plugin only shows an invitation to its signed-in recipient, so each request carries the cookie of the user it invites. *List*: the admin lists 20 invites of 100,000 (the invite plugin also counts all of them); the organization plugin has no page size, so its list reads an organization holding 20 invitations, in a table of 100,000. *Create*: a shareable invite \`{ role: "user" }\`, against \`invite-member\` with a new address each time; the organization plugin reads every pending invitation of the organization to enforce its default limit of 100, so organizations are filled 90 at a time. *Accept*: request j is user j mod 120 on invite ⌊j / 120⌋ (120 uses, role moderator), so no user accepts the same invite twice and every invite is spent by exactly its 120 users, on whichever server or instance; organization accepts take user j mod 120's invitation to organization ⌊j / 120⌋.`;

const CAVEATS = `**Caveats.**

- One run per figure, on a 2-core machine where autocannon, the server and PostgreSQL share the cores: compare ratios more than absolute numbers, and expect several percent of noise between runs.
- The two servers are different stacks (Next's router and instrumentation against a bare \`node:http\` handler): compare each to its own session read, or read the organization ratios on the benchmark server, where both plugins share one process.
- Look-up: the organization plugin shows an invitation only to its signed-in recipient, so its get-invitation includes a session read; the invite plugin's look-up of a shareable invite needs none. That difference is the plugins' design, and part of the ratio.
- List: the invite plugin returns a page *and the total*, a \`count(*)\` over the 100,000 rows on every call, plus each listed invite's uses and people; the organization plugin returns one organization's rows with no count and no paging.
- With 120 users, only each user's first accept changes the role (user → moderator); later accepts by the same user are real accepts (a use spent, an audit row, the user row written) of the role they already hold.
- "In the database" may exceed the 2xx count by up to one request per connection per run: autocannon stops with a request in flight on each connection, which the server still completes.
- PGlite is one process with one connection: every query of every request waits its turn.
- \`membershipLimit\` is raised to 1,000 on the benchmark server (each accept organization takes all 120 users); the plugin checks it with one COUNT whatever its value.`;

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
    HOW_TO_READ,
    targetsSection(run.databases),
    ...run.databases.map(databaseSection),
    METHOD,
    CAVEATS,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");
  writeFileSync(path.join(directory, "results.md"), `${markdown}\n`);
}
