import type { GenericEndpointContext } from "./context";
import { APIError } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { ResolvedInviteOptions } from "./options";
import { isAllowed } from "./permission";
import { adminOptionsOf, hierarchyOf, rankOfUser } from "./roles";
import { assertUsable, currentAdapter, findInviteById, findInviteByToken, findUse, inTransaction, isUniqueViolation, normalizeEmail } from "./store";
import type { Invitation, InviteUse, InviteUser } from "./types";

export type AcceptResult = {
  role: string;
  previousRole: string | null;
  redirectTo: string;
  invitation: Invitation;
  use: InviteUse;
};

/** The session whose user accepts: the caller's, or the one a sign-in just created. */
export type AcceptingSession = Parameters<typeof setSessionCookie>[1] & { user: InviteUser };

/**
 * Spends one use of an invitation and grants its role, or throws the error
 * that says why not. The use, its audit row and the role change commit
 * together or not at all; the use is taken by an UPDATE whose guard
 * (pending, unexpired, uses left) is evaluated by the database itself, so
 * concurrent accepts can never spend more than `maxUses`.
 */
export async function acceptInvitation(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  token: string,
  session: AcceptingSession,
): Promise<AcceptResult> {
  const adapter = await currentAdapter(ctx);
  const admin = adminOptionsOf(ctx);
  const user = session.user;

  const invitation = await findInviteByToken(adapter, token);
  if (!invitation) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
  assertUsable(invitation);

  if (invitation.email) {
    if (normalizeEmail(user.email) !== invitation.email) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_MISMATCH);
    // Without a verified address, anyone could sign up as the invitee's email and take the role (GHSA-fmh4-wcc4-5jm3).
    if (!user.emailVerified) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_NOT_VERIFIED);
  }
  if (await findUse(adapter, invitation.id, user.id)) {
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.INVITE_ALREADY_ACCEPTED);
  }
  const allowed = await isAllowed(options.canAcceptInvite, { invitedUser: user, invitation, ctx }, user, admin, () => true);
  if (!allowed) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.CANT_ACCEPT_INVITE);

  const hierarchy = hierarchyOf(options.roleHierarchy, admin);
  if (hierarchy && rankOfUser(user, admin, hierarchy) > hierarchy.indexOf(invitation.role)) {
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ROLE_WOULD_BE_LOWERED);
  }

  const changes = (await options.inviteHooks?.beforeAcceptInvite?.({ invitation, invitedUser: user, ctx }))?.user ?? {};
  const previousRole = user.role ?? null;
  const now = new Date();
  const lastUse = invitation.maxUses !== null && invitation.useCount + 1 >= invitation.maxUses;

  const outcome = await inTransaction(ctx, async (trx) => {
    const claimed = await trx.incrementOne<Invitation>({
      model: "invite",
      where: [
        { field: "id", value: invitation.id },
        { field: "status", value: "pending" },
        { field: "expiresAt", operator: "gt", value: now },
        ...(invitation.maxUses === null ? [] : [{ field: "useCount", operator: "lt" as const, value: invitation.maxUses }]),
      ],
      increment: { useCount: 1 },
      set: lastUse ? { status: "used" } : undefined,
    });
    if (!claimed) return null;
    // Another accept took the second-to-last use between our read and our claim: this one was the last.
    if (claimed.maxUses !== null && claimed.useCount >= claimed.maxUses && claimed.status === "pending") {
      await trx.update({ model: "invite", where: [{ field: "id", value: claimed.id }], update: { status: "used" } });
      claimed.status = "used";
    }
    const use = await trx.create<Omit<InviteUse, "id">, InviteUse>({
      model: "inviteUse",
      data: { inviteId: invitation.id, usedByUserId: user.id, usedAt: now, previousRole, newRole: invitation.role },
    });
    const updatedUser = await trx.update<InviteUser>({
      model: "user",
      where: [{ field: "id", value: user.id }],
      update: { ...changes, role: invitation.role, updatedAt: now },
    });
    return { claimed, use, updatedUser };
  }).catch((error: unknown) => {
    // The (inviteId, usedByUserId) unique index: the same person's second, concurrent accept.
    if (isUniqueViolation(error)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.INVITE_ALREADY_ACCEPTED);
    throw error;
  });

  if (!outcome) {
    // The guard refused: say why, from the invitation as it is now.
    const current = await findInviteById(adapter, invitation.id);
    if (!current) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
    assertUsable(current, now);
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);
  }

  const invitedUser: InviteUser = { ...user, ...(outcome.updatedUser ?? {}), role: invitation.role };
  // A cookie cache holds a copy of the user: refresh it so the new role shows at once.
  if (ctx.context.options.session?.cookieCache?.enabled) {
    await setSessionCookie(ctx, { session: session.session, user: invitedUser });
  }
  try {
    await options.inviteHooks?.afterAcceptInvite?.({ invitation: outcome.claimed, invitedUser, use: outcome.use, ctx });
  } catch (error) {
    // The role is granted and committed: a failing notification must not report the accept as failed.
    ctx.context.logger.error("afterAcceptInvite failed after the invitation was accepted", error);
  }

  return {
    role: invitation.role,
    previousRole,
    redirectTo: invitation.redirectToAfterUpgrade ?? options.defaultRedirectAfterUpgrade,
    invitation: outcome.claimed,
    use: outcome.use,
  };
}
