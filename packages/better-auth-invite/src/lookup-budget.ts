// The budgets of token look-ups: one per client address, and one for the whole app that no address can escape.
import type { GenericEndpointContext } from "./context";
import type { ResolvedInviteOptions } from "./options";
import { clientAddress, rateLimitStorage, refuseUnless } from "./rate-limit-storage";
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
  // Counted even where Better Auth tracks no addresses: a guesser must not escape the budget that way.
  const address = clientAddress(ctx) ?? "no-trusted-ip";
  refuseUnless(await storage.consume(`${address}|${PER_ADDRESS_KEY}`, options.lookupRateLimit));
  if (isGuessable(options, token)) refuseUnless(await storage.consume(GLOBAL_KEY, options.guessBudget));
}
