// Who may grant which role: one rule, applied when an invitation is made and again whenever it is used.
import { APIError } from "better-auth/api";
import type { DBAdapter, DBTransactionAdapter } from "better-auth";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { ResolvedInviteOptions } from "./options";
import { isAllowed } from "./permission";
import { isServerIssued, serverIssuer } from "./server-issuer";
import { adminOptionsOf, hierarchyOf, isAdmin, rankOfUser } from "./roles";
import type { Invitation, InviteUser } from "./types";

type Grant = { email: string | null; role: string };

/** Why `inviter` may not grant this role now, as an error code, or null when they may. */
export async function grantRefusal(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
  grant: Grant,
): Promise<"INSUFFICIENT_PERMISSIONS" | "ROLE_ABOVE_INVITER" | null> {
  const admin = adminOptionsOf(ctx);
  const allowed = await isAllowed(
    options.canCreateInvite,
    { invitedUser: { email: grant.email ?? undefined, role: grant.role }, inviterUser: inviter, ctx },
    inviter,
    admin,
    () => isAdmin(inviter, admin),
  );
  if (!allowed) return "INSUFFICIENT_PERMISSIONS";
  return isAboveInviter(ctx, options, inviter, grant.role) ? "ROLE_ABOVE_INVITER" : null;
}

/** Whether the hierarchy puts `role` above every role `inviter` holds: whoever they invite, and however. */
export function isAboveInviter(ctx: GenericEndpointContext, options: ResolvedInviteOptions, inviter: InviteUser, role: string): boolean {
  const admin = adminOptionsOf(ctx);
  const hierarchy = hierarchyOf(options.roleHierarchy, admin);
  return Boolean(hierarchy && hierarchy.indexOf(role) > rankOfUser(inviter, admin, hierarchy));
}

/** The same rule at create, as the error the inviter reads. */
export async function assertMayGrant(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
  grant: Grant,
): Promise<void> {
  const refusal = await grantRefusal(ctx, options, inviter, grant);
  if (refusal) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES[refusal]);
}

/** A ban counts until it expires (the admin plugin lifts an expired one at the next sign-in). */
export function isBanned(user: InviteUser & { banned?: boolean | null; banExpires?: Date | string | null }, now = new Date()): boolean {
  if (user.banned !== true) return false;
  return !user.banExpires || new Date(user.banExpires).getTime() > now.getTime();
}

/**
 * Whether an invitation still carries its creator's authority, read from the creator as they are now: they still
 * exist, are not banned, and would still be allowed to make it. However their role changed (the admin plugin,
 * SQL, another app), this is what counts, so it is checked at every use rather than when the role changes.
 * `adapter` is the caller's transaction when there is one.
 */
export async function creatorStillMayGrant(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: Invitation,
  adapter: DBAdapter | DBTransactionAdapter,
): Promise<boolean> {
  return (await creatorWhoMayStillGrant(ctx, options, invitation, adapter)) !== null;
}

/** The same rule, answering with the creator as they are now when it holds (a reminder is sent in their name), else null. */
export async function creatorWhoMayStillGrant(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: Invitation,
  adapter: DBAdapter | DBTransactionAdapter,
): Promise<InviteUser | null> {
  if (!invitation.createdByUserId) return null;
  if (isServerIssued(invitation)) return serverIssuer(invitation.createdByName);
  const creator = await adapter.findOne<InviteUser>({ model: "user", where: [{ field: "id", value: invitation.createdByUserId }] });
  if (!creator || isBanned(creator)) return null;
  const refusal = await grantRefusal(ctx, options, creator, { email: invitation.email, role: invitation.role });
  return refusal === null ? creator : null;
}

/** When authority is lost, a guessable code answers like one never issued; a link token says what happened to it. */
export function lostAuthorityError(invitation: Invitation): APIError {
  return invitation.tokenType === "code"
    ? APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN)
    : APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INVITER_NOT_ALLOWED);
}
