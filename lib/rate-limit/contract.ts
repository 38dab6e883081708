// The rate-limit storage contract: what every store (database-storage.ts, redis-storage.ts) decides, in the same terms.

/** At most `max` requests in any rolling `window` of seconds. */
export type RateLimitRule = { window: number; max: number };

/** A store's answer for one request: let it through, or refuse it and say when to come back. */
export type RateLimitDecision = { allowed: true; retryAfter: null } | { allowed: false; retryAfter: number };
