import "server-only";
import type { SecondaryStorage } from "better-auth";
import { REDIS_KEY_PREFIX, withRedis } from "@/lib/redis/client";

const keyOf = (key: string) => `${REDIS_KEY_PREFIX}auth:${key}`;

/**
 * Better Auth's secondary storage in Redis (when REDIS_URL is set): what it keeps there is
 * every session (token → session and user, each user's list of sessions, the time before
 * which their sessions count as revoked) and verification values. Every instance reads the
 * same keys, so a sign-out or a revocation on one is seen by all. Rate limits are not kept
 * through this interface: see lib/rate-limit/redis-storage.ts.
 */
export const redisSecondaryStorage: SecondaryStorage = {
  get: (key) => withRedis((client) => client.get(keyOf(key))),
  getAndDelete: (key) => withRedis((client) => client.getDel(keyOf(key))),
  async set(key, value, ttl) {
    // Better Auth gives the time to live in seconds, and none for a key that should not expire.
    await withRedis((client) =>
      ttl !== undefined && ttl > 0
        ? client.set(keyOf(key), value, { expiration: { type: "PX", value: Math.ceil(ttl * 1000) } })
        : client.set(keyOf(key), value),
    );
  },
  async delete(key) {
    await withRedis((client) => client.del(keyOf(key)));
  },
  // The counter starts with its time to live, and later increments never extend it: one transaction does both.
  async increment(key, ttl) {
    const [, count] = await withRedis((client) =>
      client
        .multi()
        .set(keyOf(key), "0", { expiration: { type: "EX", value: Math.max(1, Math.ceil(ttl)) }, condition: "NX" })
        .incr(keyOf(key))
        .exec(),
    );
    return Number(count);
  },
};
