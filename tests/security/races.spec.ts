import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createClient } from "@redis/client";
import postgres from "postgres";
import { Client, nextAddress, statusAndCode, uniqueEmail } from "./support/client";
import { createDatabase, type Database, loggedErrors, portFor, postgresUrl, seededAdmin, type Server, startServer } from "./support/server";

/**
 * Two production servers on one PostgreSQL database, as behind a load balancer:
 * neither may count on its own memory to stop a race or a flood. Each instance
 * answers half of every burst.
 */

test.skip(!postgresUrl, "needs PostgreSQL: two instances share one database");
test.describe.configure({ mode: "serial" });

const password = "a-long-enough-password";
// Better Auth's default special rule for /sign-in and /sign-up, and the plugin's rule for get/accept (packages/better-auth-invite/src/index.ts).
const signInLimit = 3;
const inviteGuessLimit = 10;
// lib/rate-limit/rules.ts: password sign-ins per account, from any address.
const accountLimit = 10;

let database: Extract<Database, { kind: "postgres" }>;
let servers: Server[] = [];
let sql: postgres.Sql;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const created = await createDatabase("races");
  if (created.kind !== "postgres") throw new Error("races.spec.ts runs on PostgreSQL only");
  database = created;
  // One after the other: each migrates and seeds at start, and the second must find the first's work done.
  servers.push(await startServer({ port: portFor(1), database }));
  servers.push(await startServer({ port: portFor(2), database }));
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
  await sql?.end();
  await database?.drop();
});

/** The same browser (cookies, address) talking to another instance. */
function on(client: Client, server: Server): Client {
  const moved = new Client(server.url, client.address);
  for (const [name, value] of client.cookies) moved.cookies.set(name, value);
  return moved;
}

/** Runs `task` over `items`, `width` at a time: sign-ups hash passwords, and this machine has two cores. */
async function inBatches<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, offset) => task(item, start + offset)))));
  }
  return results;
}

/** An instance that answered 4xx may still have logged a failure it recovered from: none is expected. */
function expectNoErrorsLogged() {
  for (const server of servers) expect(loggedErrors(server)).toEqual([]);
}

type Answer = { status: number; code: string | undefined; server: number };

async function answerOf(response: Response, server: number): Promise<Answer> {
  return { ...(await statusAndCode(response)), server };
}

function tally(answers: Answer[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) {
    const key = `${answer.status}${answer.code ? ` ${answer.code}` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${count} × ${key}`).join(", ");
}

async function signedInAdmin(server: Server): Promise<Client> {
  const admin = new Client(server.url);
  await admin.signIn(seededAdmin);
  return admin;
}

test("60 accepts of a 5-use invite, split across two instances: exactly 5 succeed and the other 55 are refused", async () => {
  test.setTimeout(180_000);
  const [first, second] = servers as [Server, Server];
  const admin = await signedInAdmin(first);
  // Created on one instance, spent on both.
  const created = await on(admin, second).api("/invite/create", { body: { role: "moderator", maxUses: 5 } });
  expect(created.status).toBe(200);
  const { token, invitation } = (await created.json()) as { token: string; invitation: { id: string } };

  const people = await inBatches(
    Array.from({ length: 60 }, (_, index) => index),
    4,
    async (index) => {
      const client = new Client(servers[index % 2]!.url);
      const { user } = await client.signUp({ name: `Racer ${index}`, email: uniqueEmail(`racer${index}`), password });
      return { client, id: user.id };
    },
  );
  expect(new Set(people.map((person) => person.client.address)).size).toBe(60);

  // All 60 in flight at once, alternating instances.
  const answers = await Promise.all(
    people.map(async (person, index) => {
      const response = await on(person.client, servers[index % 2]!).api("/invite/accept", { body: { token } });
      return answerOf(response, index % 2);
    }),
  );
  console.log(`[races] 60 concurrent accepts of a 5-use invite over two instances: ${tally(answers)}`);

  const winners = people.filter((_, index) => answers[index]!.status === 200).map((person) => person.id);
  expect(winners).toHaveLength(5);
  // Every user is distinct, signed in, below the invite's role and on an address of their own (no 429):
  // the only honest refusal is that the uses are gone.
  for (const answer of answers.filter((answer) => answer.status !== 200)) {
    expect(answer).toMatchObject({ status: 409, code: "NO_USES_LEFT_FOR_INVITE" });
  }

  const list = (await (await admin.api("/invite/list?limit=100")).json()) as {
    invitations: { id: string; useCount: number; usesLeft: number | null; status: string; uses: { user: { id: string } }[] }[];
  };
  const listed = list.invitations.find((item) => item.id === invitation.id);
  expect(listed).toMatchObject({ useCount: 5, usesLeft: 0, status: "used" });
  expect(listed!.uses.map((use) => use.user.id).sort()).toEqual([...winners].sort());

  const [row] = await sql<{ use_count: number; uses_left: number }[]>`select use_count, uses_left from invite where id = ${invitation.id}`;
  expect(row).toEqual({ use_count: 5, uses_left: 0 });
  const uses = await sql<{ used_by_user_id: string }[]>`select used_by_user_id from invite_use where invite_id = ${invitation.id}`;
  expect(uses.map((use) => use.used_by_user_id).sort()).toEqual([...winners].sort());
  const promoted = await sql<
    { id: string }[]
  >`select id from "user" where id in ${sql(people.map((person) => person.id))} and role = 'moderator'`;
  expect(promoted.map((user) => user.id).sort()).toEqual([...winners].sort());
  expectNoErrorsLogged();
});

async function signUpVictim(server: Server): Promise<string> {
  const email = uniqueEmail("victim");
  await new Client(server.url).signUp({ name: "Victim", email, password });
  return email;
}

/**
 * Rounds of 20 sign-ins at once from one address, half to each instance: each round from a fresh address
 * (the first request creates the shared count: a race of inserts), because a race that loses once may win
 * the next time; then one more from the last address once its window has passed (a race to reset the count).
 * Each round at an account of its own, whose budget (lib/rate-limit/sign-in.ts) the rounds would otherwise spend.
 * `countOf` reads the count the instances share, straight from their storage.
 */
async function raceSignIns(pair: Server[], countOf: (key: string) => Promise<number | null>) {
  const passedPerRound: number[] = [];
  let attacker = new Client(pair[0]!.url);
  for (let round = 0; round < 6; round++) {
    const email = await signUpVictim(pair[round % 2]!);
    if (round < 5) attacker = new Client(pair[0]!.url, nextAddress());
    else await new Promise((resolve) => setTimeout(resolve, 10_500));
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const response = await on(attacker, pair[index % 2]!).api("/sign-in/email", {
          body: { email, password: `wrong-${index}-password` },
        });
        return answerOf(response, index % 2);
      }),
    );
    const passed = answers.filter((answer) => answer.status !== 429);
    passedPerRound.push(passed.length);
    console.log(`[races] round ${round + 1}: 20 concurrent sign-ins from one address over two instances: ${tally(answers)}`);
    for (const answer of passed) expect(answer).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    for (const answer of answers.filter((answer) => answer.status === 429)) expect(answer.code).toBe("TOO_MANY_REQUESTS");
    expect(passed.length).toBeLessThanOrEqual(signInLimit);
    // Not zero either: the limiter lets the first attempts through, so the 429s are its doing, not an outage.
    expect(passed.length).toBeGreaterThan(0);
    // One count for both instances.
    expect(await countOf(`${attacker.address}|/sign-in/email`)).toBe(passed.length);
  }
  console.log(`[races] sign-ins past the limit of ${signInLimit} per round: ${passedPerRound.join(", ")}`);
}

/** The count Redis keeps for a key (lib/rate-limit/redis-storage.ts). */
async function redisCount(url: string, key: string): Promise<number | null> {
  const client = createClient({ url });
  await client.connect();
  try {
    const count = await client.get(`invite-kit:rate-limit:${key}`);
    return count === null ? null : Number(count);
  } finally {
    await client.close();
  }
}

test("20 concurrent sign-ins from one address, split across two instances: no more than the limit of 3 get through", async () => {
  // The servers inherit REDIS_URL when the suite runs with it: then they count in Redis.
  const inheritedRedis = process.env.REDIS_URL;
  await raceSignIns(servers, async (key) => {
    if (inheritedRedis) return redisCount(inheritedRedis, key);
    const rows = await sql<{ count: number }[]>`select count from rate_limit where key = ${key}`;
    return rows[0]?.count ?? null;
  });
  expectNoErrorsLogged();
});

test("the same sign-in race, with both instances counting in one Redis (REDIS_URL)", async () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  test.skip(
    Boolean(process.env.REDIS_URL),
    "every server of this run counts in Redis already (REDIS_URL is set): the test above is this one",
  );
  test.skip(!redisUrl, "needs TEST_REDIS_URL: two instances share one Redis");
  test.setTimeout(180_000);
  const pair = [
    await startServer({ port: portFor(3), database, env: { REDIS_URL: redisUrl! } }),
    await startServer({ port: portFor(4), database, env: { REDIS_URL: redisUrl! } }),
  ];
  try {
    await raceSignIns(pair, (key) => redisCount(redisUrl!, key));
    for (const server of pair) expect(loggedErrors(server)).toEqual([]);
  } finally {
    await Promise.all(pair.map((server) => server.stop()));
  }
});

test("30 concurrent wrong passwords for one account, each from its own address, split across two instances: no more than the account's 10 are checked", async () => {
  const email = await signUpVictim(servers[0]!);
  const answers = await Promise.all(
    Array.from({ length: 30 }, async (_, index) => {
      const response = await new Client(servers[index % 2]!.url, nextAddress()).api("/sign-in/email", {
        body: { email, password: `wrong-${index}-password` },
      });
      return answerOf(response, index % 2);
    }),
  );
  const checked = answers.filter((answer) => answer.status !== 429);
  console.log(`[races] 30 concurrent wrong passwords for one account from 30 addresses over two instances: ${tally(answers)}`);
  for (const answer of checked) expect(answer).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
  for (const answer of answers.filter((answer) => answer.status === 429)) expect(answer.code).toBe("TOO_MANY_REQUESTS");
  expect(checked.length).toBeLessThanOrEqual(accountLimit);
  expect(checked.length).toBeGreaterThan(0);
  expectNoErrorsLogged();
});

test("30 concurrent guesses at invite tokens from one address, split across two instances: no more than the limit of 10 are answered", async () => {
  const [first] = servers as [Server, Server];
  for (const endpoint of ["/invite/accept", "/invite/get"] as const) {
    // A guesser of its own for each endpoint: every look-up by token, on any path, spends one budget per address.
    const guesser = new Client(first.url);
    await guesser.signUp({ name: "Guesser", email: uniqueEmail("guesser"), password });
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const guess = randomBytes(6).toString("hex");
        const client = on(guesser, servers[index % 2]!);
        const response =
          endpoint === "/invite/accept"
            ? await client.api(endpoint, { body: { token: guess } })
            : await client.api(`${endpoint}?token=${guess}`);
        return answerOf(response, index % 2);
      }),
    );
    const passed = answers.filter((answer) => answer.status !== 429);
    console.log(`[races] 30 concurrent ${endpoint} guesses from one address over two instances: ${tally(answers)}`);
    for (const answer of passed) expect(answer).toMatchObject({ status: 404, code: "INVALID_TOKEN" });
    for (const answer of answers.filter((answer) => answer.status === 429)) expect(answer.code).toBe("TOO_MANY_REQUESTS");
    expect(passed.length).toBeLessThanOrEqual(inviteGuessLimit);
    expect(passed.length).toBeGreaterThan(0);
  }
  expectNoErrorsLogged();
});
