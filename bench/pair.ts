// Two `npm start` instances (server.mjs) on one PostgreSQL database, as behind a load balancer: each answers half the connections of every call.
import type { TestDatabase } from "../tests/harness/database";
import { mapParallel, signIn } from "./http";
import type { ProcessMemory } from "./proc";
import { type LoadTarget, runScenarios, type RunSettings, type ScenarioRuns } from "./load";
import { inviteScenarios, type Cursors, type Scenario } from "./scenarios";
import { BENCH_ADMIN, serverEnv, startNextServer, type RunningServer } from "./servers";
import { BENCH_USER_PASSWORD, type Fixture } from "./seed";

export type PairRun = ScenarioRuns & { urls: string[]; memory: ProcessMemory[] };

/**
 * Sessions of the pair's own: user i signs in again on instance i mod 2 and
 * the admin on the second, so that a session made by one instance is read by
 * the other. Returns the fixture with the new cookies and where each was made.
 */
async function signInAcross(
  servers: RunningServer[],
  publicUrl: string,
  fixture: Fixture,
): Promise<{ fixture: Fixture; homes: Map<string, number> }> {
  const homes = new Map<string, number>();
  const users = await mapParallel(fixture.users, 4, async (user, i) => {
    const home = i % servers.length;
    const signedIn = await signIn(servers[home]!.url, user.email, BENCH_USER_PASSWORD, publicUrl);
    homes.set(signedIn.cookie, home);
    return signedIn;
  });
  const adminHome = servers.length - 1;
  const admin = await signIn(servers[adminHome]!.url, BENCH_ADMIN.email, BENCH_ADMIN.password, publicUrl);
  homes.set(admin.cookie, adminHome);
  return { fixture: { ...fixture, admin, users }, homes };
}

/**
 * The app's calls, each request marked with the instance its session came
 * from. The session read takes its cookie from the users of the *other*
 * instance, so every one of its requests crosses; accepts keep their fixed
 * (user, invite) order and cross about half the time.
 */
function pairScenarios(fixture: Fixture, homes: Map<string, number>, cursors: Cursors): Scenario[] {
  const app = inviteScenarios(fixture, cursors);
  const marked = (scenario: Scenario): Scenario => ({
    ...scenario,
    next: (instance) => {
      const call = scenario.next(instance);
      return call.cookie === undefined ? call : { ...call, sessionFrom: homes.get(call.cookie) };
    },
  });
  const fromOther = (instance: number) => fixture.users.filter((user) => homes.get(user.cookie) !== instance);
  const othersOf = [fromOther(0), fromOther(1)];
  const session: Scenario = {
    ...app.session,
    next: (instance) => {
      const others = othersOf[instance]!;
      const user = others[cursors.session++ % others.length]!;
      return { method: "GET", path: "/api/auth/get-session", cookie: user.cookie, sessionFrom: homes.get(user.cookie) };
    },
  };
  return [session, marked(app["invite.get"]), marked(app["invite.list"]), marked(app["invite.create"]), marked(app["invite.accept"])];
}

/**
 * Starts both instances with the same environment (secret, server-actions
 * key, public URL) but their ports, the second once the first has migrated,
 * as a rolling start would; measures; reads both memories; stops both.
 */
export async function runPair(
  ports: [number, number],
  database: TestDatabase,
  fixture: Fixture,
  cursors: Cursors,
  settings: RunSettings,
): Promise<PairRun> {
  // The first instance's address stands for the load balancer's: both check Origin against it.
  const publicUrl = `http://localhost:${ports[0]}`;
  const servers: RunningServer[] = [];
  try {
    for (const port of ports) servers.push(await startNextServer(port, serverEnv(port, database.env, publicUrl)));
    const { fixture: pairFixture, homes } = await signInAcross(servers, publicUrl, fixture);
    const target: LoadTarget = { urls: servers.map((server) => server.url), origin: publicUrl };
    const runs = await runScenarios(target, pairScenarios(pairFixture, homes, cursors), "postgres next ×2", settings);
    return { ...runs, urls: target.urls, memory: servers.map((server) => server.memory()) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
