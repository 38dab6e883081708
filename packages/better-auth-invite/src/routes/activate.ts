// POST /invite/activate: accept now when signed in; otherwise keep the token until the next sign-in or sign-up.
import { APIError, createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import { acceptInvitation } from "../accept";
import { clearInviteCookie, setInviteCookie } from "../cookie";
import { INVITE_ERROR_CODES } from "../error-codes";
import { chargeTokenLookup } from "../lookup-budget";
import { acceptErrors, acceptedProperties, jsonBody, nullable, object, operation, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { safeRedirectTarget } from "../redirect";
import { assertUsable } from "../lifecycle";
import { findInviteByToken, inviteNotFound } from "../store";
import { text } from "../text";

const activateInviteBody = z.strictObject({ token: text().min(1).max(512), callbackURL: text().min(1).max(2048).optional() });

export const activateInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/activate",
    {
      method: "POST",
      body: activateInviteBody,
      metadata: {
        openapi: operation({
          operationId: "activateInvite",
          summary: "Accept an invitation, or keep it for after sign-in",
          description: [
            "The one call for an accept page that does not know whether the visitor is signed in. With a session it",
            "does what `POST /invite/accept` does, with its errors. Without one it checks that the invitation exists",
            "and can be used (its email cannot be checked yet: only `INVALID_TOKEN`, `INVITE_CANCELED`,",
            "`NO_USES_LEFT_FOR_INVITE` and `INVITE_EXPIRED` then), keeps the token in the signed invite cookie, and",
            "answers `SIGN_IN_UP_REQUIRED`: the next sign-in or sign-up accepts it, and its JSON answer carries an",
            "`invite` result. Counts against the look-up budgets.",
          ].join(" "),
          requestBody: jsonBody(activateInviteBody, {
            token: "The link token or code (any case, with or without its dash).",
            callbackURL: "Handed back as redirectTo when a sign-in is needed: a relative path, or a URL on an origin Better Auth trusts.",
          }),
          success: {
            description: "Accepted now, or kept for after sign-in or sign-up.",
            schema: {
              type: "object",
              oneOf: [
                object(
                  { action: { type: "string", const: "ACCEPTED", description: "There was a session: accepted." }, ...acceptedProperties },
                  { description: "With a session." },
                ),
                object(
                  {
                    action: { type: "string", const: "SIGN_IN_UP_REQUIRED", description: "No session: sign in or up next." },
                    redirectTo: nullable(string("The callbackURL sent, or null.")),
                  },
                  { description: "Without a session: the token is in the invite cookie." },
                ),
              ],
            },
          },
          errors: {
            ...acceptErrors,
            400: ["INVALID_REDIRECT_URL"],
            403: [...acceptErrors[403], "INVALID_CALLBACK_URL"],
          },
          uncoded: { 400: "Better Auth's origin check, for a callbackURL that is not a string (`{ message }` alone, before validation)." },
          countsLookups: true,
        }),
      },
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
        return ctx.json({
          action: "ACCEPTED" as const,
          role: result.role,
          previousRole: result.previousRole,
          redirectTo: result.redirectTo,
        });
      }
      // Say now, not after a sign-up, when the invitation cannot be used.
      const invitation = await findInviteByToken(ctx.context.adapter, token);
      if (!invitation) throw await inviteNotFound(ctx.context.adapter, token);
      assertUsable(invitation);
      await setInviteCookie(ctx, token);
      return ctx.json({ action: "SIGN_IN_UP_REQUIRED" as const, redirectTo: callbackURL ?? null });
    },
  );
