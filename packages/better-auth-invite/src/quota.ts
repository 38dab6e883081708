// The invitationLimit option: how many pending invitations one inviter may hold, and how many they hold now.
import { BetterAuthError } from "better-auth";
import { APIError } from "better-auth/api";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import { usableNow } from "./lifecycle";
import type { ResolvedInviteOptions } from "./options";
import type { InviteOptions, InviteUser } from "./types";

export type Quota = { limit: number | null; pending: number; remaining: number | null };

/** A limit as the option gives it: a whole number of invitations, or Infinity for none. */
export function checkedLimit(value: number): number | null {
  if (value === Number.POSITIVE_INFINITY) return null;
  if (!Number.isInteger(value) || value < 0) {
    throw new BetterAuthError(`invite(): invitationLimit must be a whole number of at least 0 (or Infinity), not ${value}`);
  }
  return value;
}

/** This inviter's limit, or null when they have none. */
export async function invitationLimitOf(
  ctx: GenericEndpointContext,
  limit: InviteOptions["invitationLimit"],
  inviter: InviteUser,
): Promise<number | null> {
  if (limit === undefined) return null;
  return checkedLimit(typeof limit === "number" ? limit : await limit(inviter, ctx));
}

/** The invitations this inviter made that are usable now: pending, not expired, a use left. */
export async function pendingInvitationsOf(ctx: GenericEndpointContext, inviter: InviteUser, now = new Date()): Promise<number> {
  return ctx.context.adapter.count({ model: "invite", where: usableNow(now, { field: "createdByUserId", value: inviter.id }) });
}

export async function quotaOf(ctx: GenericEndpointContext, options: ResolvedInviteOptions, inviter: InviteUser): Promise<Quota> {
  const [limit, pending] = await Promise.all([
    invitationLimitOf(ctx, options.invitationLimit, inviter),
    pendingInvitationsOf(ctx, inviter),
  ]);
  return { limit, pending, remaining: limit === null ? null : Math.max(0, limit - pending) };
}

/**
 * Refuses one more invitation from an inviter at their limit (403 INVITATION_LIMIT_REACHED). A count, then the insert:
 * exact for one request at a time (a create-many batch runs its addresses in turn), while simultaneous requests by one
 * inviter can each see room for one more and together pass the limit by their number less one.
 */
export async function assertUnderInvitationLimit(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
): Promise<void> {
  const limit = await invitationLimitOf(ctx, options.invitationLimit, inviter);
  if (limit === null) return;
  if ((await pendingInvitationsOf(ctx, inviter)) >= limit) {
    throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INVITATION_LIMIT_REACHED);
  }
}
