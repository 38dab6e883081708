import type { GenericEndpointContext } from "./context";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { acceptInvitation } from "./accept";
import { clearInviteCookie, readInviteCookie, withoutInviteCookie } from "./cookie";
import { INVITE_ERROR_CODES } from "./error-codes";
import { assertDomainAllowed } from "./domains";
import { chargeTokenLookup } from "./lookup-budget";
import type { ResolvedInviteOptions } from "./options";
import { recordEvent } from "./events";
import { assertUsable, isUsable, stillOpen, usableNow } from "./lifecycle";
import {
  acceptedRedirect,
  isFromIdentityProvider,
  redirectLocation,
  refusedRedirect,
  refusedSignUpOf,
  rememberRefusedSignUp,
  requestOf,
} from "./sign-in-redirect";
import { currentAdapter, findInviteByToken, normalizeEmail } from "./store";
import { twoFactorHoldsSession } from "./two-factor";
import type { Invitation, InviteUser } from "./types";
import { NO_REMINDER } from "./reminders";

// The paths on which Better Auth and its plugins create users or sessions: a request to one of them carrying the
// invite cookie looks the invitation up (beforeUserCreate, acceptAfterSignIn).
const SIGN_IN_OR_UP = /^\/(sign-up|sign-in|callback|oauth2\/callback|magic-link|email-otp|one-tap|phone-number|siwe|passkey)(\/|$)/;

/** The requests whose cookie look-up has been counted already, so that it is counted once. */
const charged = new WeakSet<object>();

/**
 * GET /invite/:token keeps any token in the cookie without a look-up, so the sign-in or sign-up that follows is
 * where the cookie's token is looked up: that look-up counts against the same budgets as GET /invite/get. It is
 * counted here, before the endpoint runs, because sign-up creates its user inside a transaction, where a rate-limit
 * storage on the same one-connection database (PGlite) would wait forever. Over budget, the request goes on as if
 * it carried no invitation (the accept page says why when the visitor comes back to it); an invite-only sign-up
 * has nothing to go on with, so it is refused with 429.
 */
export function chargeCookieLookups(options: ResolvedInviteOptions) {
  return {
    matcher: (ctx: { path?: string }) => SIGN_IN_OR_UP.test(ctx.path ?? ""),
    handler: createAuthMiddleware(async (ctx) => {
      const token = await readInviteCookie(ctx);
      if (!token) return;
      try {
        await chargeTokenLookup(ctx, options, token);
        charged.add(requestOf(ctx));
      } catch (error) {
        if (!isAPIError(error) || error.statusCode !== 429 || (options.inviteOnly && ctx.path.startsWith("/sign-up"))) throw error;
        return { context: { headers: withoutInviteCookie(ctx) } };
      }
    }),
  };
}

/**
 * Before any user is created (email sign-up, social, magic link…): a sign-up
 * that carries a private invitation for another address, or a shareable one
 * restricted to other domains, is refused here, so no orphan account is left
 * behind; one that carries a private invitation for this address has
 * proven the inbox, so the account starts verified. With `inviteOnly`, a
 * sign-up without a usable invitation is refused.
 *
 * Its answer tells whether the cookie's token is real, so the look-up is
 * counted, like the invite endpoints' (chargeCookieLookups, below).
 */
export function beforeUserCreate(options: ResolvedInviteOptions) {
  return async (user: { email: string } & Record<string, unknown>, ctx: GenericEndpointContext | null) => {
    // Users created by server code (seeding, admin tools) are not sign-ups.
    if (!ctx?.request && !ctx?.headers) return;
    if (ctx.path === "/admin/create-user") return;

    // Counted before the sign-up's transaction began (chargeCookieLookups): an over-budget request reaches here
    // without its cookie.
    const token = await readInviteCookie(ctx);
    const adapter = await currentAdapter(ctx);
    const invitation = token ? await findInviteByToken(adapter, token) : null;
    try {
      if (invitation?.email && normalizeEmail(user.email) !== invitation.email) {
        throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_MISMATCH);
      }
      if (invitation) assertDomainAllowed(invitation, user, "sign-up");
      if (options.inviteOnly) {
        if (!invitation) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.SIGN_UP_REQUIRES_INVITE);
        assertUsable(invitation);
      }
    } catch (error) {
      // A sign-up that answers with a redirect (a provider's callback) goes back to the accept page, which says why.
      if (token && isAPIError(error) && typeof error.body?.code === "string") rememberRefusedSignUp(ctx, error.body.code);
      throw error;
    }
    // Only a live invitation proves the inbox: a canceled or spent one verifies nothing. Nor does a
    // short code, which someone could guess; only the long token that was emailed proves it. A token the
    // creator took to pass on themselves (`notify: false`) went to whoever they gave it to, not to the inbox:
    // verifying the address then would let any inviter make a verified account for anyone's address. Nor does
    // an identity provider's sign-up: its address is as verified as the provider says, and a private
    // invitation is then accepted only for an address the provider verified.
    if (
      invitation?.email &&
      invitation.tokenType === "token" &&
      isUsable(invitation) &&
      !isFromIdentityProvider(ctx) &&
      (await tokenWasEmailed(adapter, invitation))
    ) {
      return { data: { ...user, emailVerified: true } };
    }
  };
}

/** Whether the plugin emailed the invitation's current token to its address: at create, or at a resend (a new token). */
async function tokenWasEmailed(adapter: Awaited<ReturnType<typeof currentAdapter>>, invitation: Invitation): Promise<boolean> {
  const sent = await adapter.count({
    model: "inviteEvent",
    where: [
      { field: "inviteId", value: invitation.id },
      { field: "type", operator: "in", value: ["emailed", "resent"] },
    ],
  });
  return sent > 0;
}

/**
 * After any call that created a session (sign-up, sign-in, social callback,
 * magic link, the second factor): the invitation kept in the cookie is
 * accepted for the new session's user, and the result is put beside the
 * call's own JSON answer; a call that answers with a redirect goes to the
 * invitation's redirect instead. Counted as a token look-up, once per request
 * (chargeCookieLookups may have done it already): otherwise signing in would
 * be a second, unlimited way to ask whether a guessed code exists.
 */
export function acceptAfterSignIn(options: ResolvedInviteOptions) {
  return {
    // Sessions that are not a person signing in (impersonation) never accept on their behalf.
    matcher: (ctx: { path?: string }) => !ctx.path?.startsWith("/invite/") && !ctx.path?.startsWith("/admin/"),
    handler: createAuthMiddleware(async (ctx) => {
      const newSession = ctx.context.newSession;
      if (!newSession) {
        // A refused sign-up that redirects (a provider's callback) goes to the accept page; the cookie stays for another try.
        const refusal = refusedSignUpOf(ctx);
        const location = redirectLocation(ctx.context.returned);
        const token = refusal && location ? await readInviteCookie(ctx) : null;
        if (refusal && location && token) throw ctx.redirect(refusedRedirect(options, location, token, refusal));
        return;
      }
      // The cookie waits for the second factor: the session that counts comes from /two-factor/verify-*.
      if (await twoFactorHoldsSession(ctx, newSession.user)) return;
      const token = await readInviteCookie(ctx);
      if (!token) return;
      clearInviteCookie(ctx);

      let invite: Record<string, unknown>;
      let grantedRole: string | null = null;
      let redirectTo: string | null = null;
      try {
        if (!charged.has(requestOf(ctx))) await chargeTokenLookup(ctx, options, token);
        const result = await acceptInvitation(ctx, options, token, {
          session: newSession.session,
          user: newSession.user,
        });
        invite = { accepted: true, role: result.role, previousRole: result.previousRole, redirectTo: result.redirectTo };
        grantedRole = result.role;
        redirectTo = result.redirectTo;
      } catch (error) {
        // The sign-in itself succeeded; the invitation's refusal travels beside it, as a code.
        if (!isAPIError(error)) throw error;
        invite = { accepted: false, code: error.body?.code ?? "CANT_ACCEPT_INVITE", message: error.body?.message ?? error.message };
      }

      const returned = ctx.context.returned;
      // A sign-in that redirects (a provider's callback, a GET the browser follows) has no JSON to put the result
      // beside: the browser goes where the invitation sends it, or back to its accept page, which says why not.
      const location = redirectLocation(returned);
      if (location) {
        throw ctx.redirect(
          redirectTo === null ? refusedRedirect(options, location, token, String(invite.code)) : acceptedRedirect(location, redirectTo),
        );
      }
      if (returned instanceof Response || isAPIError(returned) || typeof returned !== "object" || returned === null) return;
      // The call's own answer was built before the role changed: show the user as they are now.
      const user = "user" in returned && typeof returned.user === "object" && returned.user !== null ? returned.user : null;
      return ctx.json({ ...returned, ...(user && grantedRole ? { user: { ...user, role: grantedRole } } : {}), invite });
    }),
  };
}

/**
 * Before a user is deleted (the admin plugin's remove-user, delete-user, or any code going through Better Auth):
 * the invitations they made and that could still be used are canceled, each with an event naming who removed
 * them. Their records stay: the creator's id references no user (schema.ts), and the snapshot says who they
 * were. An account deleted behind Better Auth's back (SQL) leaves its invitations pending, but they can no
 * longer be used: accepting re-checks the creator (authority.ts).
 */
export function beforeUserDelete() {
  return async (user: { id: string }, ctx: GenericEndpointContext | null) => {
    if (!ctx) return;
    const adapter = await currentAdapter(ctx);
    const actor: InviteUser | null = ctx.context.session?.user ?? null;
    // In pages: each invitation canceled drops out of the next read.
    for (;;) {
      const open = await adapter.findMany<Invitation>({
        model: "invite",
        where: usableNow(new Date(), { field: "createdByUserId", value: user.id }),
        limit: 100,
      });
      if (open.length === 0) return;
      for (const invitation of open) {
        const canceled = await adapter.update<Invitation>({
          model: "invite",
          where: stillOpen({ field: "id", value: invitation.id }),
          update: { status: "canceled", activeEmail: null, ...NO_REMINDER },
        });
        if (canceled)
          await recordEvent(adapter, {
            inviteId: invitation.id,
            type: "canceled",
            actor,
            details: { reason: "creator-removed", creatorUserId: user.id },
          });
      }
    }
  };
}
