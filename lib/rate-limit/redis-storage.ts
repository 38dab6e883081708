import "server-only";
import { REDIS_KEY_PREFIX, withRedis } from "@/lib/redis/client";
import type { RateLimitDecision, RateLimitRule } from "@/lib/rate-limit/contract";

/**
 * The same rolling window as the database storage (lib/rate-limit/database-storage.ts), decided in one
 * script that Redis runs alone, so concurrent requests on several instances can never all pass a
 * stale read. Better Auth's own secondary-storage limiter is atomic too (INCR), but counts a fixed
 * window from the first request and always answers the whole window as Retry-After; this keeps
 * one behaviour whichever storage the deployment picks.
 *
 * The key holds the count of allowed requests and expires `window` after the last of them: an
 * allowed request restarts its life, a refused one leaves it alone, and once it has expired the
 * next request starts a new window at 1. Its remaining life is the Retry-After. Expiry runs on
 * Redis's clock, one clock for every instance.
 */
const CONSUME = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], count + 1, 'PX', ARGV[2])
  return 0
end
return redis.call('PTTL', KEYS[1])
`;

export async function consumeInRedis(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
  const windowMs = Math.max(1, Math.round(rule.window * 1000));
  // EVAL every time: Redis keeps the compiled script by its hash, and the text is a few hundred bytes.
  const remainingMs = Number(
    await withRedis((client) =>
      client.eval(CONSUME, { keys: [`${REDIS_KEY_PREFIX}rate-limit:${key}`], arguments: [String(rule.max), String(windowMs)] }),
    ),
  );
  if (remainingMs === 0) return { allowed: true, retryAfter: null };
  // PTTL answers -2 for no key: a rule with max 0 refuses everything, for a whole window.
  const retryAfter = remainingMs > 0 ? Math.ceil(remainingMs / 1000) : rule.window;
  return { allowed: false, retryAfter: Math.min(rule.window, Math.max(1, retryAfter)) };
}

/** Gives one request back, never below zero. DECR keeps the key's time to live: the window stays as it was. */
const REFUND = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export async function refundInRedis(key: string): Promise<void> {
  await withRedis((client) => client.eval(REFUND, { keys: [`${REDIS_KEY_PREFIX}rate-limit:${key}`] }));
}
