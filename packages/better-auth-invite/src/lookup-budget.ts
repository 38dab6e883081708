// The budgets of token look-ups: one per client address, and one for the whole app that no address can escape.
import type { BetterAuthRateLimitStorage } from "better-auth";
import { APIError, getIP } from "better-auth/api";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { ResolvedInviteOptions } from "./options";
import { looksLikeCode } from "./token";

/*
 * Every look-up of an invitation by token tells whether it exists: the endpoints, the app's pages calling
 * them through `auth.api` (which Better Auth's own limiter skips), and a sign-in or sign-up carrying the
 * invite cookie. All of them count here, inside the plugin, against one budget per client address.
 *
 * Per-address limits only slow down a guesser who has few addresses. Every look-up of something that could
 * be a code (guessable, unlike a 256-bit link token) therefore also counts against one budget shared by every
 * client: with 10-character codes and the default of 600 a minute, an attacker with any number of addresses
 * has under a 0.01% chance of hitting one of 1,000 live codes in 30 days (docs/security.md gives the sum).
 * Honest look-ups count too: the storages only offer an atomic "count one if allowed", and refusing only
 * failed look-ups would let the answer to a refused request tell a hit from a miss. The price is that a
 * flood of guesses makes codes wait for the next window; links keep working.
 */

const GLOBAL_KEY = "invite-guesses|all";
const PER_ADDRESS_KEY = "invite-token-lookups";

/** Whether looking this token up could tell a guesser something: codes, and custom tokens too short to be safe. */
export function isGuessable(options: ResolvedInviteOptions, token: string): boolean {
  if (looksLikeCode(token)) return true;
  return Boolean(options.generateToken) && token.trim().length < 32;
}

/** Counts one look-up of `token`, or throws 429 TOO_MANY_REQUESTS (with Retry-After) when a budget is spent. */
export async function chargeTokenLookup(ctx: GenericEndpointContext, options: ResolvedInviteOptions, token: string): Promise<void> {
  if (!ctx.context.rateLimit.enabled) return;
  const storage = rateLimitStorage(ctx);
  // Server code calling `auth.api` for a visitor passes the visitor's headers, and with them their address.
  const source = ctx.request ?? ctx.headers;
  const address = (source && getIP(source, ctx.context.options)) || "no-trusted-ip";
  refuseUnless(await storage.consume(`${address}|${PER_ADDRESS_KEY}`, options.lookupRateLimit));
  if (isGuessable(options, token)) refuseUnless(await storage.consume(GLOBAL_KEY, options.guessBudget));
}

function refuseUnless(decision: { allowed: boolean; retryAfter: number | null }): void {
  if (decision.allowed) return;
  const retryAfter = String(Math.max(1, decision.retryAfter ?? 60));
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { ...INVITE_ERROR_CODES.TOO_MANY_REQUESTS },
    { "Retry-After": retryAfter, "X-Retry-After": retryAfter },
  );
}

/** The storage Better Auth's own limiter uses, so the budget is shared by every instance the way its limits are. */
function rateLimitStorage(ctx: GenericEndpointContext): BetterAuthRateLimitStorage {
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
/** One process only, as Better Auth's own memory storage: for a single instance. */
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
