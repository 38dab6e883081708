// `npx tsx bench/profile.ts`: the benchmark server (bench/org-server.ts) of one or two code trees on one fresh
// PostgreSQL database, measured call by call in interleaved rounds, so that an A/B comparison shares the
// machine's noise. Cheaper than `npm run bench` (no build, no 100,000 rows): for finding where a call's time goes.
// Besides req/s it reports counts that a busy machine moves less: the server's and PostgreSQL's CPU per request.
//
//   npx tsx bench/profile.ts --tree . --tree /tmp/baseline --scenarios session,invite.accept --rounds 4
//     (a tree is a checkout with node_modules, such as a `git worktree` with node_modules linked in)
//   --waits            what the server's connections were doing (idle, waiting on a lock, on the WAL…)
//   --cpu-prof DIR     V8 CPU profiles of the servers, written to DIR/<tree index> when they stop
//   --server next      `npm start` (server.mjs) of each tree (built with `next build`) instead of the benchmark server
//   --scenarios        ids of bench/scenarios.ts, or invite.accept-spread: accepts that never share an invitation
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createPostgresDatabase } from "../tests/harness/database";
import { stopAllServers } from "../tests/harness/server";
import { benchPostgresUrl } from "./database";
import { callApi, mapParallel, signUp } from "./http";
import { measure, oneServer } from "./load";
import { ORG_TABLES_SQL } from "./org-schema";
import { inviteScenarios, newCursors, type Scenario } from "./scenarios";
import { USER_COUNT } from "./seed";
import { cpuTicksOf, processTree } from "./proc";
import { serverEnv, startNextServer, startNodeServer, type RunningServer } from "./servers";
import { z } from "zod";

const { values: flags } = parseArgs({
  options: {
    tree: { type: "string", multiple: true, default: ["."] },
    scenarios: { type: "string", default: "session,invite.create,invite.accept" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "8" },
    port: { type: "string", default: "3710" },
    "cpu-prof": { type: "string" },
    waits: { type: "boolean", default: false },
    server: { type: "string", default: "node" },
  },
});

if (flags.server !== "node" && flags.server !== "next") throw new Error("--server must be node or next");
const seconds = Number(flags.seconds);
const rounds = Number(flags.rounds);
const connections = Number(flags.connections);
const trees = flags.tree.map((tree) => path.resolve(tree));

/** CPU time in ms (at 100 ticks a second) of some processes. */
const cpuMs = (pids: number[]) => pids.reduce((ticks, pid) => ticks + cpuTicksOf(pid), 0) * 10;

const log = (message: string) => console.info(`[profile] ${message}`);

async function main() {
  const database = await createPostgresDatabase("bench_profile", benchPostgresUrl);
  const servers: RunningServer[] = [];
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const sampler = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const connection = openDatabase(database);
    await migrateDatabase(connection);
    if (connection.kind === "postgres") await connection.client.unsafe(ORG_TABLES_SQL);
    await connection.close();

    for (const [index, tree] of trees.entries()) {
      const port = Number(flags.port) + index;
      const env = serverEnv(port, database.env);
      const nodeFlags = flags["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(flags["cpu-prof"], String(index))}`] : [];
      servers.push(await (flags.server === "next" ? startNextServer : startNodeServer)(port, env, { nodeFlags, checkout: tree }));
    }
    const baseUrl = servers[0]!.url;

    // The set-up, through the first server: an admin of our own (promoted with SQL), the users, the unlimited invites.
    const admin = await signUp(baseUrl, "profile-admin@bench.example", "bench-admin-password", "Profile Admin");
    await sql`update "user" set role = 'admin' where id = ${admin.id}`;
    const users = await mapParallel(
      Array.from({ length: USER_COUNT }, (_, i) => i),
      4,
      (i) => signUp(baseUrl, `bench-user-${i}@bench.example`, "bench-user-password", `Bench User ${i}`),
    );
    // Well above the accept rates seen on 2 cores: each accept needs a (user, invitation) pair of its own.
    const acceptsNeeded = 600 * seconds * rounds * trees.length;
    const createAcceptTokens = () =>
      mapParallel(Array.from({ length: Math.ceil(acceptsNeeded / USER_COUNT) }), 4, async () => {
        const { data } = await callApi(baseUrl, "/invite/create", z.object({ token: z.string() }), {
          body: { role: "moderator", maxUses: null },
          cookie: admin.cookie,
        });
        return data.token;
      });
    const acceptTokens = await createAcceptTokens();
    // invite.accept-spread's own invitations, so that its pairs never meet invite.accept's.
    const spreadTokens = flags.scenarios.split(",").includes("invite.accept-spread") ? await createAcceptTokens() : [];
    let spread = 0;
    const known: Record<string, Scenario> = {
      ...inviteScenarios({ admin, users, acceptTokens }, newCursors()),
      // As invite.accept, but the 8 requests in flight each spend a different invitation: no two wait on one row's lock.
      "invite.accept-spread": {
        id: "invite.accept",
        label: "accept, each request another user and another invitation",
        next: () => {
          // Request j: user j mod 120 on invite (j mod 120 + ⌊j / 120⌋) mod invites, so no pair repeats while invites last.
          const j = spread++;
          const round = Math.floor(j / USER_COUNT);
          if (round >= spreadTokens.length) throw new Error("out of invitations for invite.accept-spread");
          return {
            method: "POST",
            path: "/api/auth/invite/accept",
            cookie: users[j % USER_COUNT]!.cookie,
            body: { token: spreadTokens[((j % USER_COUNT) + round) % spreadTokens.length] },
          };
        },
      },
    };
    const chosen = flags.scenarios.split(",").map((name) => {
      const scenario = known[name];
      if (!scenario) throw new Error(`unknown scenario ${name}`);
      return { name, scenario };
    });

    /**
     * Samples pg_stat_activity every 20 ms on a connection of its own: how often each of the server's
     * connections was idle, running, or waiting on a lock, and on which statement.
     */
    function sampleWaits() {
      const counts = new Map<string, number>();
      let samples = 0;
      let running = true;
      const done = (async () => {
        while (running) {
          const rows = await sampler<{ state: string; wait: string; query: string }[]>`
            select state, coalesce(wait_event_type || ':' || wait_event, '') as wait, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 60) as query
            from pg_stat_activity where datname = ${database.name} and pid <> pg_backend_pid()`;
          samples++;
          for (const row of rows) {
            const key = row.state === "idle" ? "idle" : `${row.state} ${row.wait} ${row.query}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      return {
        stop: async () => {
          running = false;
          await done;
          const histogram = [...counts]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 12)
            .map(([key, count]) => `    ${(count / samples).toFixed(2)} connections: ${key}`)
            .join("\n");
          return { samples, histogram };
        },
      };
    }

    const results = new Map<string, number[]>();
    const cpu = new Map<string, [number, number][]>();
    for (let round = 1; round <= rounds; round++) {
      // Alternate the order of the trees from round to round: neither always runs first.
      const order = round % 2 === 1 ? servers : [...servers].reverse();
      for (const { name, scenario } of chosen) {
        for (const server of order) {
          // The server's CPU and its PostgreSQL backends' CPU, per request: a count, unlike req/s, that a busy machine barely moves.
          const serverPids = processTree(server.process.pid!);
          const backendPids = (await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database.name}`).map(
            (row) => row.pid,
          );
          const before = [cpuMs(serverPids), cpuMs(backendPids)];
          const waits = sampleWaits();
          const result = await measure(oneServer(server.url), scenario, { seconds, connections });
          const waited = await waits.stop();
          const after = [cpuMs(serverPids), cpuMs(backendPids)];
          const perRequest = (i: number) => ((after[i]! - before[i]!) / result.requests).toFixed(2);
          await new Promise((resolve) => setTimeout(resolve, 500));
          const key = `${trees[servers.indexOf(server)]} ${name}`;
          results.set(key, [...(results.get(key) ?? []), result.requestsPerSecond]);
          cpu.set(key, [...(cpu.get(key) ?? []), [Number(perRequest(0)), Number(perRequest(1))]]);
          log(
            `round ${round} ${key}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, CPU per request: server ${perRequest(0)} ms, PostgreSQL ${perRequest(1)} ms, non-2xx ${result.non2xx}, other load ${result.otherCpuCores.toFixed(2)}` +
              (result.firstRefusal ? ` (${result.firstRefusal})` : ""),
          );
          if (flags.waits) log(`  what the server's connections were doing, of ${waited.samples} samples:\n${waited.histogram}`);
        }
      }
    }

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    for (const tree of trees) {
      const session = results.get(`${tree} session`);
      for (const { name } of chosen) {
        const values = results.get(`${tree} ${name}`)!;
        const cost = session ? ` cost ${(median(session) / median(values)).toFixed(2)}× the session read` : "";
        const cpus = cpu.get(`${tree} ${name}`)!;
        const cpuOf = (i: number) => median(cpus.map((pair) => pair[i]!)).toFixed(2);
        log(
          `${tree} ${name}: median ${median(values).toFixed(0)} req/s of [${values.map((value) => value.toFixed(0)).join(", ")}]${cost}; ` +
            `CPU per request: server ${cpuOf(0)} ms, PostgreSQL ${cpuOf(1)} ms`,
        );
      }
    }
  } finally {
    await sql.end();
    await sampler.end();
    await stopAllServers();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  void stopAllServers().finally(() => process.exit(1));
});
