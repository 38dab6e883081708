import type { GenericEndpointContext } from "./context";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { acceptInvitation } from "./accept";
import { clearInviteCookie, readInviteCookie } from "./cookie";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { ResolvedInviteOptions } from "./options";
import { assertUsable, currentAdapter, isUsable, findInviteByToken, normalizeEmail } from "./store";

/**
 * Before any user is created (email sign-up, social, magic link…): a sign-up
 * that carries a private invitation for another address is refused here, so
 * no orphan account is left behind; one that carries it for this address has
 * proven the inbox, so the account starts verified. With `inviteOnly`, a
 * sign-up without a usable invitation is refused.
 */
export function beforeUserCreate(options: ResolvedInviteOptions) {
  return async (user: { email: string } & Record<string, unknown>, ctx: GenericEndpointContext | null) => {
    // Users created by server code (seeding, admin tools) are not sign-ups.
    if (!ctx?.request && !ctx?.headers) return;
    if (ctx.path === "/admin/create-user") return;

    const token = await readInviteCookie(ctx);
    const invitation = token ? await findInviteByToken(await currentAdapter(ctx), token) : null;
    if (invitation?.email && normalizeEmail(user.email) !== invitation.email) {
      throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_MISMATCH);
    }
    if (options.inviteOnly) {
      if (!invitation) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.SIGN_UP_REQUIRES_INVITE);
      assertUsable(invitation);
    }
    // Only a live invitation proves the inbox: a canceled or spent one verifies nothing. Nor does a
    // short code, which someone could guess; only the long token that was emailed proves it.
    if (invitation?.email && invitation.tokenType === "token" && isUsable(invitation)) {
      return { data: { ...user, emailVerified: true } };
    }
  };
}

/**
 * After any call that created a session (sign-up, sign-in, social callback):
 * the invitation kept in the cookie is accepted for the new session's user,
 * and the result is put beside the call's own JSON answer.
 */
export function acceptAfterSignIn(options: ResolvedInviteOptions) {
  return {
    // Sessions that are not a person signing in (impersonation) never accept on their behalf.
    matcher: (ctx: { path?: string }) => !ctx.path?.startsWith("/invite/") && !ctx.path?.startsWith("/admin/"),
    handler: createAuthMiddleware(async (ctx) => {
      const newSession = ctx.context.newSession;
      if (!newSession) return;
      const token = await readInviteCookie(ctx);
      if (!token) return;
      clearInviteCookie(ctx);

      let invite: Record<string, unknown>;
      let grantedRole: string | null = null;
      try {
        const result = await acceptInvitation(ctx, options, token, {
          session: newSession.session,
          user: newSession.user,
        });
        invite = { accepted: true, role: result.role, previousRole: result.previousRole, redirectTo: result.redirectTo };
        grantedRole = result.role;
      } catch (error) {
        // The sign-in itself succeeded; the invitation's refusal travels beside it, as a code.
        if (!isAPIError(error)) throw error;
        invite = { accepted: false, code: error.body?.code ?? "CANT_ACCEPT_INVITE", message: error.body?.message ?? error.message };
      }

      const returned = ctx.context.returned;
      if (returned instanceof Response || isAPIError(returned) || typeof returned !== "object" || returned === null) return;
      // The call's own answer was built before the role changed: show the user as they are now.
      const user = "user" in returned && typeof returned.user === "object" && returned.user !== null ? returned.user : null;
      return ctx.json({ ...returned, ...(user && grantedRole ? { user: { ...user, role: grantedRole } } : {}), invite });
    }),
  };
}
