// POST /invite/accept: spend one use and grant the role, for the signed-in user.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { acceptInvitation } from "../accept";
import { clearInviteCookie } from "../cookie";
import { chargeTokenLookup } from "../lookup-budget";
import { acceptErrors, acceptedProperties, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

const acceptInviteBody = z.strictObject({ token: text().min(1).max(512) });

export const acceptInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/accept",
    {
      method: "POST",
      body: acceptInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "acceptInvite",
          summary: "Accept an invitation and take its role",
          description: [
            "For the signed-in user. In one transaction, spends one use (never more than maxUses, however many accept",
            "at once), records the use and its event, and sets the user's role to the invitation's. A private invitation",
            "needs the account's verified email to be its address. Refused when the invitation is spent, canceled,",
            "declined or expired, when the role would be lowered, or when its creator may no longer grant it. Clears",
            "the invite cookie. Counts against the look-up budgets. A `beforeAcceptInvite` hook may refuse with an",
            "error of its own.",
          ].join(" "),
          requestBody: jsonBody(acceptInviteBody, { token: "The link token or code (any case, with or without its dash)." }),
          success: { description: "Accepted: the user holds the invitation's role.", schema: object(acceptedProperties) },
          errors: { 401: ["USER_NOT_LOGGED_IN"], ...acceptErrors },
          countsLookups: true,
        }),
      },
    },
    async (ctx) => {
      await chargeTokenLookup(ctx, options, ctx.body.token);
      const result = await acceptInvitation(ctx, options, ctx.body.token, ctx.context.session);
      clearInviteCookie(ctx);
      return ctx.json({ role: result.role, previousRole: result.previousRole, redirectTo: result.redirectTo });
    },
  );
