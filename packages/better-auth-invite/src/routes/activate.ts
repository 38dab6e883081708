// POST /invite/activate: accept now when signed in; otherwise keep the token until the next sign-in or sign-up.
import { APIError, createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import { acceptInvitation } from "../accept";
import { clearInviteCookie, setInviteCookie } from "../cookie";
import { INVITE_ERROR_CODES } from "../error-codes";
import { chargeTokenLookup } from "../lookup-budget";
import type { ResolvedInviteOptions } from "../options";
import { safeRedirectTarget } from "../redirect";
import { assertUsable, findInviteByToken } from "../store";
import { text } from "../text";

export const activateInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/activate",
    {
      method: "POST",
      body: z.strictObject({ token: text().min(1).max(512), callbackURL: text().min(1).max(2048).optional() }),
      metadata: { openapi: { description: "Accept an invitation, or keep it for after sign-in" } },
    },
    async (ctx) => {
      const { token } = ctx.body;
      const callbackURL = ctx.body.callbackURL === undefined ? undefined : safeRedirectTarget(ctx, ctx.body.callbackURL);
      if (callbackURL === null) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVALID_REDIRECT_URL);
      await chargeTokenLookup(ctx, options, token);
      const session = await getSessionFromCtx(ctx);
      if (session) {
        const result = await acceptInvitation(ctx, options, token, session);
        clearInviteCookie(ctx);
        return ctx.json({ action: "ACCEPTED" as const, role: result.role, previousRole: result.previousRole, redirectTo: result.redirectTo });
      }
      // Say now, not after a sign-up, when the invitation cannot be used.
      const invitation = await findInviteByToken(ctx.context.adapter, token);
      if (!invitation) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
      assertUsable(invitation);
      await setInviteCookie(ctx, token);
      return ctx.json({ action: "SIGN_IN_UP_REQUIRED" as const, redirectTo: callbackURL ?? null });
    },
  );
