// Server only (never routed over HTTP): the address a private invitation was sent to, so a sign-up
// or sign-in form opened from its link can fill it in and keep it fixed.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { displayStatus, findInviteByToken } from "../store";
import { text } from "../text";

export const getInviteRecipient = () =>
  createAuthEndpoint(
    "/invite/recipient",
    {
      method: "GET",
      query: z.object({ token: text().min(1).max(512) }),
      metadata: { SERVER_ONLY: true },
    },
    async (ctx) => {
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.query.token);
      // Only a long link token proves its holder received the email: a short code can be guessed,
      // so it never reveals an address. Nor does an invitation that can no longer be used.
      const reveals = invitation?.email && invitation.tokenType === "token" && displayStatus(invitation) === "pending";
      return ctx.json({ email: reveals ? invitation.email : null });
    },
  );
