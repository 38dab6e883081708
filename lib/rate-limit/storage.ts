import "server-only";
import type { BetterAuthRateLimitStorage } from "better-auth";
import { getEnv } from "@/lib/env";
import { longestWindowSeconds } from "@/lib/rate-limit/rules";
import type { RateLimitDecision, RateLimitRule } from "@/lib/rate-limit/contract";
import { consumeInDatabase, refundInDatabase } from "@/lib/rate-limit/database-storage";
import { consumeInRedis, refundInRedis } from "@/lib/rate-limit/redis-storage";

/**
 * Counts one request against `key` and says whether it may go on, in the storage every instance
 * shares: Redis when REDIS_URL is set (lib/rate-limit/redis-storage.ts), the database otherwise.
 * Both keep the same rolling window, each in one atomic step.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
  // Refused with either storage, though only the database's prunes by it: one behaviour whichever the deployment picks.
  if (rule.window > longestWindowSeconds) {
    throw new Error(
      `A rate-limit window of ${rule.window} s is longer than longestWindowSeconds (${longestWindowSeconds} s, lib/rate-limit/rules.ts): its rows would be pruned while they still count`,
    );
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

/** Better Auth's limiter counts in the same storage, so its limits hold across every instance, and match the app's own. */
export const rateLimitStorage: BetterAuthRateLimitStorage = { consume: consumeRateLimit };
