import { describe, expect, it } from "vitest";
import { CookieJar } from "../support/app";
import { startPluginInstance } from "../support/plugin-instance";
import { json } from "../support/users";

/** A fresh client address for every request: the guesser of the issue, with as many addresses as they like. */
let address = 0;
const nextAddress = () => `203.0.113.${(address = (address % 250) + 1)}`;
const guess = () => `${Math.random().toString(36).slice(2, 7)}-${Math.random().toString(36).slice(2, 7)}`.toUpperCase();

describe.each(["memory", "database"] as const)("the guess budget, on Better Auth's %s storage", (storage) => {
  async function instance() {
    return startPluginInstance(
      { guessBudget: { window: 60, max: 5 }, rateLimit: { window: 60, max: 100 } },
      { rateLimit: { enabled: true, storage } },
    );
  }

  it("holds for the whole app, whatever address each guess comes from, and leaves link tokens alone", async () => {
    const { request } = await instance();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      statuses.push((await request(`/invite/get?token=${guess()}`, { headers: { "x-forwarded-for": nextAddress() } })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    const refused = await request(`/invite/get?token=${guess()}`, { headers: { "x-forwarded-for": nextAddress() } });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await json(refused)).toMatchObject({ body: { code: "TOO_MANY_REQUESTS" } });
    // A 256-bit link token cannot be guessed: looking one up never spends or meets the budget.
    const linkToken = "a".repeat(43);
    expect((await request(`/invite/get?token=${linkToken}`, { headers: { "x-forwarded-for": nextAddress() } })).status).toBe(404);
  });

  it("counts a guess carried by the invite cookie into a sign-in like any other look-up, and over budget looks nothing up", async () => {
    const { request, user, auth } = await instance();
    const someone = await user();
    for (let attempt = 0; attempt < 5; attempt++)
      await request(`/invite/get?token=${guess()}`, { headers: { "x-forwarded-for": nextAddress() } });

    // The emailed link's route keeps any token in the cookie without a look-up; the sign-in then looks it up.
    const jar = new CookieJar();
    const link = await auth.handler(
      new Request(`http://localhost:3000/api/auth/invite/${guess()}`, { headers: { "x-forwarded-for": nextAddress() } }),
    );
    jar.store(link);
    const signIn = await json(
      await request("/sign-in/email", {
        body: { email: someone.email, password: someone.password },
        jar,
        headers: { "x-forwarded-for": nextAddress() },
      }),
    );
    // The sign-in goes on as if it carried no invitation: it says nothing about the guess.
    expect(signIn.status).toBe(200);
    expect(signIn.body).not.toHaveProperty("invite");
  });
});

describe("token look-ups through sign-in, per address", () => {
  it("spend the same per-address budget as GET /invite/get, both ways", async () => {
    const { request, user, auth } = await startPluginInstance(
      { rateLimit: { window: 60, max: 3 } },
      { rateLimit: { enabled: true, storage: "memory" } },
    );
    async function signInWithGuess(from: Record<string, string>) {
      const someone = await user();
      const jar = new CookieJar();
      jar.store(await auth.handler(new Request(`http://localhost:3000/api/auth/invite/${guess()}`, { headers: from })));
      const signIn = await json(
        await request("/sign-in/email", { body: { email: someone.email, password: someone.password }, jar, headers: from }),
      );
      expect(signIn.status).toBe(200);
      return signIn.body.invite?.code ?? "NOT_LOOKED_UP";
    }

    // Three sign-ins carrying guesses (Better Auth's own sign-in limit is 3 per 10 s) spend the address's look-ups…
    const first = { "x-forwarded-for": "198.51.100.44" };
    for (let attempt = 0; attempt < 3; attempt++) expect(await signInWithGuess(first)).toBe("INVALID_TOKEN");
    expect((await request(`/invite/get?token=${guess()}`, { headers: first })).status).toBe(429);

    // …and look-ups spend the sign-in's.
    const second = { "x-forwarded-for": "198.51.100.45" };
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await request(`/invite/get?token=${guess()}`, { headers: second })).status).toBe(404);
    expect(await signInWithGuess(second)).toBe("NOT_LOOKED_UP");
  });
});
