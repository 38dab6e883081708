import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/server";
import { rateLimit, session as sessionTable } from "@/lib/db/schema";
import { limitLikeEndpoint } from "@/lib/rate-limit/like-endpoint";
import { consumeInRedis, refundInRedis } from "@/lib/rate-limit/redis-storage";
import { closeRedis, REDIS_KEY_PREFIX } from "@/lib/redis/client";
import { redisSecondaryStorage } from "@/lib/redis/secondary-storage";
import { CookieJar, requester, startTestApp, type TestApp, uniqueEmail } from "../support/app";
import { rateLimitStorageContract } from "../support/rate-limit-storage-contract";
import { inspectRedis, randomAddress, testRedisUrl } from "../support/redis";
import { json } from "../support/users";

// Read once, at the app's first use: this file's app keeps sessions and rate limits in Redis.
if (testRedisUrl) process.env.REDIS_URL = testRedisUrl;
process.env.RATE_LIMIT_ENABLED = "true";

type Request = TestApp["request"];

describe.skipIf(!testRedisUrl)("with REDIS_URL set", () => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof inspectRedis>>;
  beforeAll(async () => {
    app = await startTestApp();
    redis = await inspectRedis(testRedisUrl!);
  });
  afterAll(async () => {
    await redis?.close();
    await closeRedis();
  });

  describe("the rate-limit storage shared by Better Auth and the app, in Redis", () => {
    rateLimitStorageContract({ consume: consumeInRedis, refund: refundInRedis }, async (key) => {
      const count = await redis.get(`${REDIS_KEY_PREFIX}rate-limit:${key}`);
      return count === null ? null : Number(count);
    });

    it("is the storage the app's own limiter counts in, and the database is left alone", async () => {
      const path = `/invite/get`;
      const address = randomAddress();
      const headers = new Headers({ "x-forwarded-for": address });
      const decisions = [];
      for (let attempt = 0; attempt < 12; attempt++) decisions.push(await limitLikeEndpoint(path, headers));
      // The invite plugin's rule for /invite/get: 10 a minute.
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      expect(await redis.get(`${REDIS_KEY_PREFIX}rate-limit:${address}|${path}`)).toBe("10");
      expect(
        await app.db
          .select()
          .from(rateLimit)
          .where(eq(rateLimit.key, `${address}|${path}`)),
      ).toEqual([]);
    });
  });

  describe("Better Auth's secondary storage", () => {
    const key = () => `test:${randomUUID()}`;
    const stored = (name: string) => `${REDIS_KEY_PREFIX}auth:${name}`;

    it("sets with Better Auth's time to live in seconds, or none, and deletes", async () => {
      const [expiring, lasting] = [key(), key()];
      await redisSecondaryStorage.set(expiring, "a", 30);
      await redisSecondaryStorage.set(lasting, "b");
      expect(await redisSecondaryStorage.get(expiring)).toBe("a");
      const ttl = await redis.pTTL(stored(expiring));
      expect(ttl).toBeGreaterThan(29_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(await redis.pTTL(stored(lasting))).toBe(-1);
      await redisSecondaryStorage.delete(lasting);
      expect(await redisSecondaryStorage.get(lasting)).toBeNull();
    });

    it("hands a value out once to concurrent getAndDelete calls", async () => {
      const name = key();
      await redisSecondaryStorage.set(name, "one-time", 30);
      const taken = await Promise.all(Array.from({ length: 10 }, () => redisSecondaryStorage.getAndDelete(name)));
      expect(taken.filter((value) => value === "one-time")).toHaveLength(1);
    });

    it("increments atomically, setting the time to live only when the counter is created", async () => {
      const name = key();
      const counts = await Promise.all(Array.from({ length: 20 }, () => redisSecondaryStorage.increment(name, 30)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      await redis.pExpire(stored(name), 5_000);
      await redisSecondaryStorage.increment(name, 30);
      expect(await redis.pTTL(stored(name))).toBeLessThanOrEqual(5_000);
    });
  });

  describe("two instances of the app on one Redis and one database, as behind a load balancer", () => {
    let second: Request;
    beforeAll(() => {
      const other = createAuth();
      second = requester((request) => other.handler(request), app.origin);
    });

    /** Signs a new account up on one instance and returns its cookies and address. */
    async function newAccount(on: Request, options: { role?: "admin" } = {}) {
      const email = uniqueEmail("redis");
      const address = randomAddress();
      const jar = new CookieJar();
      if (options.role) {
        await app.auth.api.createUser({ body: { email, password: "test-password-123", name: "Redis admin", role: options.role } });
        const signIn = await on("/sign-in/email", {
          body: { email, password: "test-password-123" },
          jar,
          headers: { "x-forwarded-for": address },
        });
        expect(signIn.status).toBe(200);
      } else {
        const signUp = await on("/sign-up/email", {
          body: { email, password: "test-password-123", name: "Redis user" },
          jar,
          headers: { "x-forwarded-for": address },
        });
        expect(signUp.status).toBe(200);
      }
      const { body } = await json(await on("/get-session", { jar, headers: { "x-forwarded-for": address } }));
      return { jar, address, email, id: body.user.id as string, token: body.session.token as string };
    }

    it("let exactly 3 of 20 simultaneous sign-ins from one address through, split between them", async () => {
      const email = uniqueEmail("burst");
      const headers = { "x-forwarded-for": randomAddress() };
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? app.request : second)("/sign-in/email", { body: { email, password: "wrong-password" }, headers }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      // Better Auth's rule for /sign-in: 3 in 10 seconds. Each instance alone would have let 3 through.
      expect(statuses).toEqual([...Array(3).fill(401), ...Array(17).fill(429)]);
    });

    it("keep the session in Redis and in the database, and each reads the other's", async () => {
      const user = await newAccount(app.request);
      const cached = JSON.parse((await redis.get(`${REDIS_KEY_PREFIX}auth:${user.token}`))!);
      expect(cached).toMatchObject({ session: { token: user.token, userId: user.id }, user: { id: user.id, email: user.email } });
      expect(await app.db.select({ id: sessionTable.id }).from(sessionTable).where(eq(sessionTable.token, user.token))).toHaveLength(1);

      const onSecond = await json(await second("/get-session", { jar: user.jar, headers: { "x-forwarded-for": user.address } }));
      expect(onSecond.body.user.id).toBe(user.id);
    });

    it("sign out on one instance, and the other no longer knows the session", async () => {
      const user = await newAccount(app.request);
      // Signing out empties the jar it is sent with: the browser's own cookies stay, to be tried on the first instance.
      const signingOut = new CookieJar();
      for (const [name, value] of user.jar.cookies) signingOut.cookies.set(name, value);
      expect((await second("/sign-out", { body: {}, jar: signingOut, headers: { "x-forwarded-for": user.address } })).status).toBe(200);
      const onFirst = await json(await app.request("/get-session", { jar: user.jar, headers: { "x-forwarded-for": user.address } }));
      expect(onFirst.body).toBeNull();
      expect(await redis.exists(`${REDIS_KEY_PREFIX}auth:${user.token}`)).toBe(0);
      expect(await app.db.select().from(sessionTable).where(eq(sessionTable.token, user.token))).toEqual([]);
    });

    it("an admin's revocation on one instance signs the user out on the other", async () => {
      const admin = await newAccount(app.request, { role: "admin" });
      const user = await newAccount(second);
      const revoked = await app.request("/admin/revoke-user-sessions", {
        body: { userId: user.id },
        jar: admin.jar,
        headers: { "x-forwarded-for": admin.address },
      });
      expect(revoked.status).toBe(200);
      expect((await json(await second("/get-session", { jar: user.jar, headers: { "x-forwarded-for": user.address } }))).body).toBeNull();
    });

    it("a role granted by an invitation on one instance shows in the session on the other at once", async () => {
      const admin = await newAccount(app.request, { role: "admin" });
      const created = await json(
        await app.request("/invite/create", { body: { role: "moderator" }, jar: admin.jar, headers: { "x-forwarded-for": admin.address } }),
      );
      expect(created.status).toBe(200);
      const token = created.body.token as string;
      const user = await newAccount(second);
      const accepted = await app.request("/invite/accept", {
        body: { token },
        jar: user.jar,
        headers: { "x-forwarded-for": user.address },
      });
      expect(accepted.status).toBe(200);
      // Redis keeps a copy of the user beside the session: the accept must refresh it, or the old role would show until the session ends.
      const onSecond = await json(await second("/get-session", { jar: user.jar, headers: { "x-forwarded-for": user.address } }));
      expect(onSecond.body.user.role).toBe("moderator");
      expect(JSON.parse((await redis.get(`${REDIS_KEY_PREFIX}auth:${user.token}`))!).user.role).toBe("moderator");
    });

    it("a session Redis lost (restarted empty, or evicted) is found in the database: nobody is signed out", async () => {
      const user = await newAccount(app.request);
      await redis.del(`${REDIS_KEY_PREFIX}auth:${user.token}`);
      const found = await json(await second("/get-session", { jar: user.jar, headers: { "x-forwarded-for": user.address } }));
      expect(found.body.user.id).toBe(user.id);
    });
  });

  it("keeps every key under the app's prefix", async () => {
    const address = randomAddress();
    await limitLikeEndpoint(`/prefix/${randomUUID()}`, new Headers({ "x-forwarded-for": address }));
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `*${address}*`, COUNT: 1000 })) keys.push(...batch);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(REDIS_KEY_PREFIX)).toBe(true);
  });
});
