import { beforeAll, describe, expect, it } from "vitest";
import { startTestApp, uniqueEmail } from "../support/app";

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
});
