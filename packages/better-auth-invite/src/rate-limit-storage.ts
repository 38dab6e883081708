// Better Auth's rate-limit storage and client address, as the plugin's own budgets (look-ups, sends) count against them.
import type { BetterAuthRateLimitStorage } from "better-auth";
import { APIError, getIP } from "better-auth/api";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";

export type RateLimitDecision = { allowed: boolean; retryAfter: number | null };

/**
 * The client's address as Better Auth's limiter keys it; null when there is none and Better Auth was told not to
 * track addresses, where its limiter counts nothing either. Server code calling `auth.api` for a visitor passes the
 * visitor's headers, and with them their address.
 */
export function clientAddress(ctx: GenericEndpointContext): string | null {
  const source = ctx.request ?? ctx.headers;
  const address = source ? getIP(source, ctx.context.options) : null;
  if (address) return address;
  return ctx.context.options.advanced?.ipAddress?.disableIpTracking ? null : "no-trusted-ip";
}

/** Throws 429 TOO_MANY_REQUESTS (with Retry-After) unless the decision allowed the request. */
export function refuseUnless(decision: RateLimitDecision): void {
  if (decision.allowed) return;
  const retryAfter = String(Math.max(1, decision.retryAfter ?? 60));
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { ...INVITE_ERROR_CODES.TOO_MANY_REQUESTS },
    { "Retry-After": retryAfter, "X-Retry-After": retryAfter },
  );
}

/** The storage Better Auth's own limiter uses, so the budget is shared by every instance the way its limits are. */
export function rateLimitStorage(ctx: GenericEndpointContext): BetterAuthRateLimitStorage {
  const settings = ctx.context.rateLimit;
  if (settings.customStorage) return settings.customStorage;
  const increment = ctx.context.options.secondaryStorage?.increment;
  if (settings.storage === "secondary-storage" && increment) {
    return {
      consume: async (key, rule) =>
        (await increment(key, rule.window)) <= rule.max ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: rule.window },
    };
  }
  if (settings.storage === "database") return databaseStorage(ctx);
  return memoryStorage;
}

type Row = { id: string; key: string; count: number; lastRequest: number };

/** Better Auth's `rateLimit` model, counted with its guarded increment: the guard is the window and the limit. */
function databaseStorage(ctx: GenericEndpointContext): BetterAuthRateLimitStorage {
  const adapter = ctx.context.adapter;
  const consume: BetterAuthRateLimitStorage["consume"] = async (key, rule) => {
    const now = Date.now();
    const windowStart = now - rule.window * 1000;
    const row = await adapter.findOne<Row>({ model: "rateLimit", where: [{ field: "key", value: key }] });
    if (!row) {
      try {
        await adapter.create({ model: "rateLimit", data: { key, count: 1, lastRequest: now } });
        return { allowed: true, retryAfter: null };
      } catch {
        return consume(key, rule); // another request created it first
      }
    }
    const lastRequest = Number(row.lastRequest);
    const counted =
      lastRequest <= windowStart
        ? await adapter.incrementOne({
            model: "rateLimit",
            where: [
              { field: "key", value: key },
              { field: "lastRequest", value: row.lastRequest },
            ],
            increment: {},
            set: { count: 1, lastRequest: now },
          })
        : await adapter.incrementOne({
            model: "rateLimit",
            where: [
              { field: "key", value: key },
              { field: "lastRequest", operator: "gt", value: windowStart },
              { field: "count", operator: "lt", value: rule.max },
            ],
            increment: { count: 1 },
            set: { lastRequest: now },
          });
    if (counted) return { allowed: true, retryAfter: null };
    if (lastRequest <= windowStart) return consume(key, rule); // a concurrent request restarted the window
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((lastRequest + rule.window * 1000 - now) / 1000)) };
  };
  return { consume };
}

const memory = new Map<string, { count: number; lastRequest: number }>();
/**
 * One process only, as Better Auth's own memory storage: for a single instance. Better Auth keeps its in-memory counts
 * to itself, so here the plugin's are its own: a key Better Auth also counts (`<address>|/invite/create`) has two
 * budgets of the same size, one for each.
 */
const memoryStorage: BetterAuthRateLimitStorage = {
  consume: async (key, rule) => {
    const now = Date.now();
    const entry = memory.get(key);
    if (!entry || now - entry.lastRequest >= rule.window * 1000) {
      memory.set(key, { count: 1, lastRequest: now });
      return { allowed: true, retryAfter: null };
    }
    if (entry.count >= rule.max)
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((entry.lastRequest + rule.window * 1000 - now) / 1000)) };
    memory.set(key, { count: entry.count + 1, lastRequest: now });
    return { allowed: true, retryAfter: null };
  },
};
