import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isServiceUnavailable } from "@/lib/errors/unavailable";
import { limitLikeEndpoint } from "@/lib/rate-limit/like-endpoint";
import { closeRedis } from "@/lib/redis/client";
import { startTcpProxy, type TcpProxy } from "../security/support/tcp-proxy";
import { CookieJar, startTestApp, type TestApp, uniqueEmail } from "../support/app";
import { freePort, randomAddress, testRedisUrl } from "../support/redis";

process.env.RATE_LIMIT_ENABLED = "true";

/** Redis taken away from this app alone, by a proxy between the two, while the app keeps its database. */
describe.skipIf(!testRedisUrl)("with Redis out of reach", () => {
  let app: TestApp;
  let proxy: TcpProxy;
  const address = randomAddress();
  const jar = new CookieJar();
  const getSession = () => app.request("/get-session", { jar, headers: { "x-forwarded-for": address } });

  beforeAll(async () => {
    const target = new URL(testRedisUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) }, await freePort());
    const throughProxy = new URL(testRedisUrl!);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    // Read at the app's first use, just below.
    process.env.REDIS_URL = throughProxy.toString();
    app = await startTestApp();
    const signUp = await app.request("/sign-up/email", {
      body: { email: uniqueEmail("outage"), password: "test-password-123", name: "Outage" },
      jar,
      headers: { "x-forwarded-for": address },
    });
    expect(signUp.status).toBe(200);
  });

  afterAll(async () => {
    await closeRedis();
    await proxy?.close();
  });

  /** Once Redis is back, the client reconnects by itself (its retries are at most 2 s apart). */
  async function expectRecovered() {
    await proxy.restore();
    let status = 0;
    for (let tries = 0; status !== 200 && tries < 40; tries++) {
      status = (await getSession()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await getSession()).status).toBe(200);
  }

  async function expectUnavailable(response: Response) {
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/temporarily unavailable/) });
    // Nothing of the client's error, or of Redis's address, reaches the answer.
    expect(text).not.toMatch(/redis|ECONN|Timeout|6379|\n\s+at /i);
  }

  it("refused: sign-ins and session look-ups answer 503 SERVICE_UNAVAILABLE within the command timeout, and all work again once Redis is back, without a restart", async () => {
    expect((await getSession()).status).toBe(200);
    await proxy.cut();

    const started = Date.now();
    await expectUnavailable(await getSession());
    await expectUnavailable(
      await app.request("/sign-in/email", {
        body: { email: uniqueEmail("nobody"), password: "whatever-password" },
        headers: { "x-forwarded-for": randomAddress() },
      }),
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    // Pages and server actions count through the same storage: their failure is the outage their callers turn into a message.
    const limited = await limitLikeEndpoint("/invite/get", new Headers({ "x-forwarded-for": address })).catch((error: unknown) => error);
    expect(isServiceUnavailable(limited)).toBe(true);

    await expectRecovered();
  });

  it("a black hole (connections taken, never answered): 503 within seconds rather than a request held forever, and a fresh connection once Redis answers again", async () => {
    await proxy.blackHole();
    const started = Date.now();
    await expectUnavailable(await getSession());
    expect(Date.now() - started).toBeLessThan(8_000);
    await expectRecovered();
  });
});
