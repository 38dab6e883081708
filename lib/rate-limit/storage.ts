import "server-only";
import { randomUUID } from "node:crypto";
import type { BetterAuthRateLimitStorage } from "better-auth";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { rateLimit } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { longestWindowSeconds } from "@/lib/rate-limit/rules";
import { consumeInRedis, refundInRedis } from "@/lib/rate-limit/redis-storage";

export type RateLimitRule = { window: number; max: number };
export type RateLimitDecision = { allowed: true; retryAfter: null } | { allowed: false; retryAfter: number };

/**
 * Counts one request against `key` and says whether it may go on, in the storage every instance
 * shares: Redis when REDIS_URL is set (lib/rate-limit/redis-storage.ts), the database otherwise.
 * Both keep the same rolling window, each in one atomic step.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
  // Refused with either storage, though only the database's prunes by it: one behaviour whichever the deployment picks.
  if (rule.window > longestWindowSeconds) {
    throw new Error(`A rate-limit window of ${rule.window} s is longer than longestWindowSeconds (${longestWindowSeconds} s, lib/rate-limit/rules.ts): its rows would be pruned while they still count`);
  }
  return getEnv().redisUrl ? consumeInRedis(key, rule) : consumeInDatabase(key, rule);
}

/**
 * Gives back one request counted against `key`, for a request that turned out not to be what the
 * limit is for (a sign-in that succeeded, lib/rate-limit/sign-in.ts). Atomic, and never below zero;
 * the window is left as it was.
 */
export async function refundRateLimit(key: string): Promise<void> {
  return getEnv().redisUrl ? refundInRedis(key) : refundInDatabase(key);
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
  await pruneIdleRows(now);
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
  if (counted.length > 0) return { allowed: true, retryAfter: null };
  const [row] = await db.select({ lastRequest: rateLimit.lastRequest }).from(rateLimit).where(eq(rateLimit.key, key));
  const retryAfter = row ? Math.ceil((row.lastRequest + rule.window * 1000 - now) / 1000) : rule.window;
  // Clamped: a concurrent request may have stamped the row a moment after our clock was read.
  return { allowed: false, retryAfter: Math.min(rule.window, Math.max(1, retryAfter)) };
}

export async function refundInDatabase(key: string): Promise<void> {
  await getDb()
    .update(rateLimit)
    .set({ count: sql`${rateLimit.count} - 1` })
    .where(and(eq(rateLimit.key, key), gt(rateLimit.count, 0)));
}

/**
 * Often enough that the table holds little beyond its live keys, rarely enough to cost next to
 * nothing: one delete over a table of live keys every few seconds. (No index on last_request: it
 * would have to be updated by every counted request, the hot path, to speed up this rare one.)
 */
export const PRUNE_EVERY_MS = 5_000;

declare global {
  // Per process, not per bundle: Next bundles route handlers, pages and actions separately.
  var __inviteKitRateLimitPrunedAt: number | undefined;
}

/**
 * Deletes the rows no rule can still count: idle for longer than the longest window. Every key is
 * per address (or account) and path, so without this the table would keep every address ever
 * seen; with it, it holds at most the keys used within the last `longestWindowSeconds` (and
 * PRUNE_EVERY_MS). Another instance's rows go too, which is right: they are as dead there.
 */
async function pruneIdleRows(now: number): Promise<void> {
  if (now - (globalThis.__inviteKitRateLimitPrunedAt ?? 0) < PRUNE_EVERY_MS) return;
  globalThis.__inviteKitRateLimitPrunedAt = now;
  await getDb().delete(rateLimit).where(lt(rateLimit.lastRequest, now - longestWindowSeconds * 1000));
}

/** Better Auth's limiter counts in the same storage, so its limits hold across every instance, and match the app's own. */
export const rateLimitStorage: BetterAuthRateLimitStorage = { consume: consumeRateLimit };

