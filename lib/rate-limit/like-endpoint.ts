import "server-only";
import { getIP } from "better-auth/api";
import { getAuth } from "@/lib/auth/server";
import { getEnv } from "@/lib/env";
import type { RateLimitDecision, RateLimitRule } from "@/lib/rate-limit/contract";
import { consumeRateLimit } from "@/lib/rate-limit/storage";

/**
 * Pages and server actions call the plugin through `auth.api`, which Better
 * Auth does not rate limit. They count here instead, against the same key and
 * rule as the HTTP endpoint they stand for (e.g. "/invite/get"), so a guesser
 * gets one budget whether they use the API, the page or the form.
 */
export async function limitLikeEndpoint(path: string, headers: Headers): Promise<RateLimitDecision> {
  if (!getEnv().rateLimitEnabled) return { allowed: true, retryAfter: null };
  const auth = getAuth();
  const rule = ruleFor(path);
  const address = getIP(headers, auth.options) ?? "no-trusted-ip";
  return consumeRateLimit(`${address}|${path}`, rule);
}

function ruleFor(path: string): RateLimitRule {
  for (const plugin of getAuth().options.plugins ?? []) {
    const rule = "rateLimit" in plugin ? plugin.rateLimit?.find((candidate) => candidate.pathMatcher(path)) : undefined;
    if (rule) return { window: rule.window, max: rule.max };
  }
  return { window: 60, max: 10 };
}
