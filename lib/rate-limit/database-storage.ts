import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { rateLimit } from "@/lib/db/schema";
import type { RateLimitDecision, RateLimitRule } from "@/lib/rate-limit/contract";
import { longestWindowSeconds } from "@/lib/rate-limit/rules";

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
  await getDb()
    .delete(rateLimit)
    .where(lt(rateLimit.lastRequest, now - longestWindowSeconds * 1000));
}
