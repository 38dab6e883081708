import "server-only";
import { randomUUID } from "node:crypto";
import type { BetterAuthRateLimitStorage } from "better-auth";
import { eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { rateLimit } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { consumeInRedis } from "@/lib/rate-limit-storage-redis";

export type RateLimitRule = { window: number; max: number };
export type RateLimitDecision = { allowed: true; retryAfter: null } | { allowed: false; retryAfter: number };

/**
 * Counts one request against `key` and says whether it may go on, in the storage every instance
 * shares: Redis when REDIS_URL is set (lib/rate-limit-storage-redis.ts), the database otherwise.
 * Both keep the same rolling window, each in one atomic step.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
  return getEnv().redisUrl ? consumeInRedis(key, rule) : consumeInDatabase(key, rule);
}

/**
 * One statement decides: insert the key, or count one more request in its
 * window, or start a new window — and only when that is allowed (`setWhere`),
 * so concurrent requests on several instances can never all pass a stale read.
 * Same rolling window as Better Auth's own storages: it restarts once `window`
 * seconds pass with no allowed request.
 */
export async function consumeInDatabase(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
  const db = getDb();
  const now = Date.now();
  const windowStart = now - rule.window * 1000;
  const counted = await db
    .insert(rateLimit)
    .values({ id: randomUUID(), key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimit.key,
      set: {
        count: sql`case when ${rateLimit.lastRequest} <= ${windowStart} then 1 else ${rateLimit.count} + 1 end`,
        lastRequest: now,
      },
      setWhere: sql`${rateLimit.lastRequest} <= ${windowStart} or ${rateLimit.count} < ${rule.max}`,
    })
    .returning();
  if (counted.length > 0) {
    // Keys are per address and path: forget the ones idle for a day, now and then.
    if (Math.random() < 0.01) await db.delete(rateLimit).where(lt(rateLimit.lastRequest, now - 86_400_000));
    return { allowed: true, retryAfter: null };
  }
  const [row] = await db.select({ lastRequest: rateLimit.lastRequest }).from(rateLimit).where(eq(rateLimit.key, key));
  const retryAfter = row ? Math.ceil((row.lastRequest + rule.window * 1000 - now) / 1000) : rule.window;
  // Clamped: a concurrent request may have stamped the row a moment after our clock was read.
  return { allowed: false, retryAfter: Math.min(rule.window, Math.max(1, retryAfter)) };
}

/** Better Auth's limiter counts in the same storage, so its limits hold across every instance, and match the app's own. */
export const rateLimitStorage: BetterAuthRateLimitStorage = { consume: consumeRateLimit };

