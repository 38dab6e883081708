// The mistakes an invitation to an address would be, refused before anything is written or sent.
import { APIError } from "better-auth/api";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { ResolvedInviteOptions } from "./options";
import { adminOptionsOf, hierarchyOf, holdsRoleOrHigher } from "./roles";
import { normalizeEmail } from "./store";
import type { InviteUser } from "./types";

/**
 * Inviting oneself, or someone whose account already holds the role or a higher one (who would read "your role
 * has been upgraded" and change nothing). Returns the invitee's account, when there is one.
 */
export async function assertWorthInviting(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
  grant: { email: string; role: string },
): Promise<{ user: InviteUser } | null> {
  if (grant.email === normalizeEmail(inviter.email)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.CANNOT_INVITE_YOURSELF);
  const invitee = await ctx.context.internalAdapter.findUserByEmail(grant.email);
  const admin = adminOptionsOf(ctx);
  if (invitee && holdsRoleOrHigher(invitee.user, admin, hierarchyOf(options.roleHierarchy, admin), grant.role)) {
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_HAS_ROLE);
  }
  return invitee;
}
