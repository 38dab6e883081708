import { beforeAll, describe, expect, it } from "vitest";
import { isAPIError } from "better-auth/api";
import { messageForError } from "@/lib/errors/messages";
import { signInPerAccount } from "@/lib/rate-limit/rules";
import { startTestApp, uniqueEmail } from "../support/app";
import { randomAddress } from "../support/redis";

process.env.RATE_LIMIT_ENABLED = "true";

describe("rate limiting, when RATE_LIMIT_ENABLED is on", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it("answers 429 with Retry-After once a client tries too many sign-ins", async () => {
    const email = uniqueEmail("limited");
    const headers = { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await app.request("/sign-in/email", { body: { email, password: "wrong-password" }, headers });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      }
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });

  it("sends at most 3 sign-in links a minute to one client, as Better Auth limits its other emails", async () => {
    const headers = { "x-forwarded-for": randomAddress() };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const body = { email: uniqueEmail("link-flood"), callbackURL: "/dashboard" };
      statuses.push((await app.request("/sign-in/magic-link", { body, headers })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  describe("per account, whatever the address", () => {
    const password = "the-right-password";
    const signUp = async () => {
      const email = uniqueEmail("account");
      const response = await app.request("/sign-up/email", {
        body: { name: "Account", email, password },
        headers: { "x-forwarded-for": randomAddress() },
      });
      expect(response.status).toBe(200);
      return email;
    };
    // Each attempt from an address of its own: Better Auth's per-address limit never comes into it.
    const signIn = (email: string, tried: string) =>
      app.request("/sign-in/email", { body: { email, password: tried }, headers: { "x-forwarded-for": randomAddress() } });

    it("checks no more than the account's budget of passwords, then refuses even the right one, with Retry-After", async () => {
      const email = await signUp();
      for (let attempt = 0; attempt < signInPerAccount.max; attempt++)
        expect((await signIn(email, `wrong-password-${attempt}`)).status).toBe(401);
      // Another spelling of the same address is the same account.
      const refused = await signIn(email.toUpperCase(), password);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(signInPerAccount.window - 60);
      expect(await refused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    });

    it("spends nothing on a successful sign-in: after max - 1 failures, the right password signs in again and again", async () => {
      const email = await signUp();
      for (let attempt = 0; attempt < signInPerAccount.max - 1; attempt++)
        expect((await signIn(email, `wrong-password-${attempt}`)).status).toBe(401);
      for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(email, password)).status).toBe(200);
      expect((await signIn(email, "wrong-password-last")).status).toBe(401);
      expect((await signIn(email, password)).status).toBe(429);
    });

    it("holds for the server-side call the sign-in form makes (auth.api.signInEmail), and says how long to wait", async () => {
      const email = await signUp();
      for (let attempt = 0; attempt < signInPerAccount.max; attempt++)
        expect((await signIn(email, `wrong-password-${attempt}`)).status).toBe(401);
      const error = await app.auth.api
        .signInEmail({ body: { email, password }, headers: new Headers({ "x-forwarded-for": randomAddress() }) })
        .then(
          () => null,
          (thrown: unknown) => thrown,
        );
      expect(isAPIError(error) && error.statusCode).toBe(429);
      expect(messageForError(error)).toBe("Too many attempts. Try again in 15 minutes.");
    });
  });
});
