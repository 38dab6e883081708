import { randomInt } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import { Client, nextAddress, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";
import { createDatabase, type Database, portFor, type Server, startServer } from "./support/server";

/**
 * Clients that write whatever they like in X-Forwarded-For (issue 12): on the
 * defaults, with the server exposed directly as `npm start` runs it, and behind
 * a proxy the server trusts (TRUSTED_PROXIES), as docs/deploy.md sets it up.
 * Whatever a client claims, no limit is escaped and the rate_limit table does
 * not grow with the claims.
 */

// The invite plugin's rule for the code look-up (packages/better-auth-invite/src/index.ts), and the per-account sign-in rule (lib/rate-limit/rules.ts).
const lookUpLimit = 10;
const accountLimit = 10;
const accountWindowSeconds = 15 * 60;
const password = "a-long-enough-password";

/** A guess shaped like a real code (packages/better-auth-invite/src/token.ts), different each time. */
function codeGuess(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  const pick = () => Array.from({ length: 3 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${pick()}-${pick()}`;
}

/** An address nobody owns, in TEST-NET-3 (RFC 5737), as a spoofer would make one up. */
function madeUpAddress(): string {
  return `203.0.113.${randomInt(1, 255)}`;
}

function statuses(responses: Response[]): number[] {
  return responses.map((response) => response.status);
}

async function expectTooManyRequests(response: Response, within: { min: number; max: number }) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(within.min);
  expect(retryAfter).toBeLessThanOrEqual(within.max);
  expect(await response.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
}

async function signUpVictim(server: Server): Promise<string> {
  const email = uniqueEmail("victim");
  // No X-Forwarded-For: the victim talks to the server as a browser would, from its own address.
  await new Client(server.url, null).signUp({ name: "Victim", email, password });
  return email;
}

async function wrongPasswords(server: Server, email: string, count: number, from: () => string): Promise<Response[]> {
  const responses: Response[] = [];
  for (let attempt = 0; attempt < count; attempt++) {
    responses.push(await new Client(server.url, from()).api("/sign-in/email", { body: { email, password: `wrong-password-${attempt}` } }));
  }
  return responses;
}

/** The rate_limit table's keys, read after the server has stopped (a PGlite folder opens in one process at a time). */
async function rateLimitKeys(database: Database): Promise<string[]> {
  const query = "select key from rate_limit order by key";
  if (database.kind === "postgres") {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      return ((await sql.unsafe(query)) as unknown as { key: string }[]).map((row) => row.key);
    } finally {
      await sql.end();
    }
  }
  // The app's schema has a trigram index (drizzle/0005): its database opens with the extension loaded, as lib/db/client.ts does.
  const db = new PGlite(path.resolve(database.dir), { extensions: { pg_trgm } });
  try {
    return (await db.query<{ key: string }>(query)).rows.map((row) => row.key);
  } finally {
    await db.close();
  }
}

test.describe("on the defaults, exposed directly: a client's X-Forwarded-For is only a claim", () => {
  let database: Database;
  let server: Server;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    database = await createDatabase("spoofed");
    // TRUSTED_PROXIES empty: the default, whatever the suite's own servers trust.
    server = await startServer({ port: portFor(5), database, env: { TRUSTED_PROXIES: "" } });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("150 code look-ups, each claiming a different X-Forwarded-For, get one budget between them", async () => {
    const responses: Response[] = [];
    for (let guess = 0; guess < 150; guess++)
      responses.push(await new Client(server.url, nextAddress()).api(`/invite/get?token=${codeGuess()}`));
    const answered = statuses(responses).filter((status) => status !== 429);
    expect(answered.length).toBeLessThanOrEqual(lookUpLimit);
    expect(answered.every((status) => status === 404)).toBe(true);
    await expectTooManyRequests(responses.at(-1)!, { min: 1, max: 60 });
  });

  test("the accept page, each load claiming a different X-Forwarded-For, counts against the same one budget", async () => {
    // Pages read the address through next/headers (lib/rate-limit/like-endpoint.ts): the header they see is the one server.mjs completed.
    const pages: string[] = [];
    for (let load = 0; load <= lookUpLimit; load++)
      pages.push(await (await new Client(server.url, nextAddress()).send(`/invite/${codeGuess()}`)).text());
    expect(pages.filter((html) => html.includes("Too many attempts")).length).toBeGreaterThan(0);
  });

  test("60 wrong passwords for one account, each claiming a different X-Forwarded-For, are refused; the owner still signs in", async () => {
    const email = await signUpVictim(server);
    const responses = await wrongPasswords(server, email, 60, nextAddress);
    const checked = statuses(responses).filter((status) => status !== 429);
    expect(checked.length).toBeLessThanOrEqual(accountLimit);
    expect(checked.every((status) => status === 401)).toBe(true);
    await expectTooManyRequests(responses.at(-1)!, { min: 1, max: accountWindowSeconds });
    // The spoofers shared one bucket, not the owner's: from their own address the right password works.
    expect((await new Client(server.url, null).api("/sign-in/email", { body: { email, password } })).status).toBe(200);
  });
});

test("spoofed addresses add no rate_limit rows: 150 claims leave one shared key, not 150", async () => {
  test.setTimeout(180_000);
  const database = await createDatabase("spoofed_rows");
  const server = await startServer({ port: portFor(6), database, env: { TRUSTED_PROXIES: "" } });
  try {
    for (let guess = 0; guess < 150; guess++) await new Client(server.url, nextAddress()).api(`/invite/get?token=${codeGuess()}`);
  } finally {
    await server.stop();
  }
  try {
    const keys = await rateLimitKeys(database);
    // One shared key for every spoofer: Better Auth's (per path), and the invite plugin's own budget of token look-ups.
    expect(keys.filter((key) => key.endsWith("|/invite/get"))).toEqual(["no-trusted-ip|/invite/get"]);
    expect(keys.filter((key) => key.endsWith("|invite-token-lookups"))).toEqual(["no-trusted-ip|invite-token-lookups"]);
    // Besides them, the plugin's one guess budget for the whole app, and what the suite's start-up check
    // (GET /api/auth/ok, from the loopback) left.
    expect(keys.filter((key) => !key.startsWith("no-trusted-ip|") && key !== "invite-guesses|all").length).toBeLessThanOrEqual(2);
  } finally {
    await database.drop();
  }
});

test.describe("behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1,::1: the test client plays the proxy)", () => {
  let database: Database;
  let server: Server;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    database = await createDatabase("proxied");
    server = await startServer({ port: portFor(7), database, env: { TRUSTED_PROXIES: "127.0.0.1,::1" } });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("two client addresses get separate budgets, and a hop the client adds before the proxy's does not help", async () => {
    const client = nextAddress();
    for (let guess = 0; guess < lookUpLimit; guess++)
      expect((await new Client(server.url, client).api(`/invite/get?token=${codeGuess()}`)).status).toBe(404);
    await expectTooManyRequests(await new Client(server.url, client).api(`/invite/get?token=${codeGuess()}`), { min: 1, max: 60 });
    // The proxy appends what it saw: whatever the client wrote before it is not the client's address.
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectTooManyRequests(await new Client(server.url, `${madeUpAddress()}, ${client}`).api(`/invite/get?token=${codeGuess()}`), {
        min: 1,
        max: 60,
      });
    }
    expect((await new Client(server.url, nextAddress()).api(`/invite/get?token=${codeGuess()}`)).status).toBe(404);
  });

  test("60 wrong passwords for one account from 60 addresses: the account's budget stops them at 10, and then refuses the right password too, API and form alike", async () => {
    const email = await signUpVictim(server);
    const responses = await wrongPasswords(server, email, 60, nextAddress);
    expect(statuses(responses).slice(0, accountLimit)).toEqual(Array.from({ length: accountLimit }, () => 401));
    for (const response of responses.slice(accountLimit))
      await expectTooManyRequests(response, { min: accountWindowSeconds - 60, max: accountWindowSeconds });
    // Refused before the password is checked: the owner waits out the window like the guesser.
    await expectTooManyRequests(await new Client(server.url, nextAddress()).api("/sign-in/email", { body: { email, password } }), {
      min: accountWindowSeconds - 60,
      max: accountWindowSeconds,
    });
    const form = await new Client(server.url, nextAddress()).action("/sign-in", "signInAction", { email, password, next: "/dashboard" });
    expect(await form.text()).toContain("Too many attempts. Try again in 15 minutes.");
  });

  test("a successful sign-in gives its slot back: after 9 wrong passwords, 20 right ones in a row all sign in", async () => {
    const email = await signUpVictim(server);
    const wrong = await wrongPasswords(server, email, accountLimit - 1, nextAddress);
    expect(statuses(wrong)).toEqual(Array.from({ length: accountLimit - 1 }, () => 401));
    for (let attempt = 0; attempt < 20; attempt++) {
      const client = new Client(server.url, nextAddress());
      const response =
        attempt % 2 === 0
          ? await client.api("/sign-in/email", { body: { email, password } })
          : await client.action("/sign-in", "signInAction", { email, password, next: "/dashboard" });
      expect(response.status, `sign-in ${attempt + 1}`).not.toBe(429);
      expect(await response.text(), `sign-in ${attempt + 1}`).not.toContain("Too many attempts");
      expect(client.cookies.size, `sign-in ${attempt + 1}`).toBeGreaterThan(0);
    }
  });
});
