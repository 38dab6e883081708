// The budget of invitations sent, per client address: POST /invite/create spends one per request, create-many one per address.
import type { GenericEndpointContext } from "./context";
import type { ResolvedInviteOptions } from "./options";
import { clientAddress, type RateLimitDecision, rateLimitStorage } from "./rate-limit-storage";

/** The path whose budget every invitation spends from: Better Auth's limiter keys it `<address>|<path>`. */
export const SEND_PATH = "/invite/create";

/**
 * Spends one invitation from the caller's budget for POST /invite/create: the very key and rule Better Auth's limiter
 * counts a create request under, so that a batch and single creates share one budget (with the database, Redis or a
 * custom storage; see rate-limit-storage.ts for the in-memory one). Allowed when Better Auth's limiter is off, as it
 * would be for a create.
 */
export async function spendOneSend(ctx: GenericEndpointContext, options: ResolvedInviteOptions): Promise<RateLimitDecision> {
  if (!ctx.context.rateLimit.enabled) return { allowed: true, retryAfter: null };
  const address = clientAddress(ctx);
  if (address === null) return { allowed: true, retryAfter: null };
  return rateLimitStorage(ctx).consume(`${address}|${SEND_PATH}`, options.sendRateLimit);
}
