import type { GenericEndpointContext } from "../context";
import { APIError } from "better-auth/api";
import { INVITE_ERROR_CODES } from "../error-codes";
import type { ResolvedInviteOptions } from "../options";
import { isAllowed } from "../permission";
import { adminOptionsOf, isAdmin } from "../roles";
import { findInviteById } from "../store";
import type { Invitation, InviteUser } from "../types";

/** Finds an invitation that `user` may cancel or resend (its creator or an admin, unless canCancelInvite says otherwise). */
export async function findManageableInvite(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  id: string,
  user: InviteUser,
): Promise<Invitation> {
  const invitation = await findInviteById(ctx.context.adapter, id);
  if (!invitation) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
  const admin = adminOptionsOf(ctx);
  const allowed = await isAllowed(
    options.canCancelInvite,
    { inviterUser: user, invitation, ctx },
    user,
    admin,
    () => invitation.createdByUserId === user.id || isAdmin(user, admin),
  );
  if (!allowed) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INSUFFICIENT_PERMISSIONS);
  return invitation;
}
