// Server only (never routed over HTTP): the address a private invitation was sent to, so a sign-up
// or sign-in form opened from its link can fill it in and keep it fixed.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { nullable, object, operation, queryParameters, string } from "../openapi";
import { displayStatus } from "../lifecycle";
import { findInviteByToken } from "../store";
import { text } from "../text";

const recipientQuery = z.object({ token: text().min(1).max(512) });

export const getInviteRecipient = () =>
  createAuthEndpoint(
    "/invite/recipient",
    {
      method: "GET",
      query: recipientQuery,
      // Documented like the others for whoever reads the code; Better Auth leaves SERVER_ONLY endpoints out of its document.
      metadata: {
        SERVER_ONLY: true,
        openapi: operation({
          operationId: "getInviteRecipient",
          summary: "The address a private invitation was sent to (server code only)",
          description: [
            "`auth.api.getInviteRecipient` only: never routed over HTTP. For a sign-up or sign-in page opened from the",
            "link, to fill in the address and keep it fixed. Reveals it only for a pending private invitation whose",
            "token is a long link token, which proves its holder received the email; never for a guessable code.",
          ].join(" "),
          parameters: queryParameters(recipientQuery, { token: "The token from the invitation's link." }),
          success: {
            description: "The address, or null.",
            schema: object({ email: nullable(string("The invitation's address, or null when it is not to be revealed.")) }),
          },
          errors: {},
          serverOnly: true,
        }),
      },
    },
    async (ctx) => {
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.query.token);
      // Only a long link token proves its holder received the email: a short code can be guessed,
      // so it never reveals an address. Nor does an invitation that can no longer be used.
      const reveals = invitation?.email && invitation.tokenType === "token" && displayStatus(invitation) === "pending";
      return ctx.json({ email: reveals ? invitation.email : null });
    },
  );
