import { randomInt } from "node:crypto";
import { Client, nextAddress, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";
import { createDatabase, type Database, portFor, seededAdmin, type Server, startServer } from "./support/server";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const guess = () => Array.from({ length: 10 }, (_, index) => (index === 5 ? "-" : "") + ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Issue 12, item 2: signing in is no second, cheaper channel for guessing codes. */
test.describe("guessing through sign-in", () => {
  async function signInCarrying(server: Server, address: string, token: string) {
    const client = new Client(server.url, address);
    const email = uniqueEmail("guesser");
    await client.signUp({ name: "Guesser", email, password: "a-long-enough-password" });
    // The emailed link's route keeps any token in the cookie, without a look-up; the sign-in looks it up.
    expect((await client.api(`/invite/${encodeURIComponent(token)}`)).status).toBe(302);
    const signIn = await client.api("/sign-in/email", { body: { email, password: "a-long-enough-password" } });
    return (await signIn.json()) as { invite?: { code?: string } };
  }

  test("a cookie carrying a guess is a look-up, and spends the same budget as GET /invite/get", async ({ server }) => {
    const address = nextAddress();
    const looker = new Client(server.url, address);
    for (let index = 0; index < 10; index++) expect((await looker.api(`/invite/get?token=${guess()}`)).status).toBe(404);
    // Sign-up and sign-in with the guess in the cookie, from the address whose look-ups are spent: nothing is looked up.
    const spent = await signInCarrying(server, address, guess());
    expect(spent.invite).toBeUndefined();
    // The control: from a fresh address the same flow looks the guess up, and says it is not an invitation.
    const fresh = await signInCarrying(server, nextAddress(), guess());
    expect(fresh.invite).toMatchObject({ code: "INVALID_TOKEN" });
  });
});

/** Issue 12, item 3: a budget of code look-ups that no number of addresses escapes. */
test.describe("the guess budget", () => {
  let database: Database;
  let server: Server;
  test.beforeAll(async () => {
    database = await createDatabase("guesses");
    server = await startServer({ port: portFor(30), database });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("600 code look-ups a minute for the whole app, from any number of addresses; link tokens are not held up", async () => {
    test.setTimeout(180_000);
    const admin = new Client(server.url);
    await admin.signIn(seededAdmin);
    const link = (await (await admin.api("/invite/create", { body: { role: "user" } })).json()) as { token: string };

    const statuses: number[] = [];
    // Eight at a time, each from an address of its own: a botnet, as far as per-address limits can tell.
    for (let batch = 0; batch < 77; batch++) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 8 }, () => new Client(server.url).api(`/invite/get?token=${guess()}`).then((response) => response.status)),
        )),
      );
    }
    expect(statuses.slice(0, 600).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(600)).toEqual(Array(statuses.length - 600).fill(429));
    const refused = await new Client(server.url).api(`/invite/get?token=${guess()}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // A 256-bit link cannot be guessed, so it does not wait for the budget.
    expect((await new Client(server.url).api(`/invite/get?token=${encodeURIComponent(link.token)}`)).status).toBe(200);
  });
});
