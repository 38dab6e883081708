// GET /invite/:token: the emailed link. Keeps the token in a cookie, records the first open, redirects to the accept page.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setInviteCookie } from "../cookie";
import { INVITE_ERROR_CODES } from "../error-codes";
import { recordFirstOpen } from "../opened";
import { operation, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";

export const openInviteLink = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/:token",
    {
      method: "GET",
      // Email scanners open links: a GET here never spends a use or changes the invitation. It writes one event row,
      // the first time only (opened.ts), so a scanner that follows the link counts as an open.
      metadata: {
        isAction: false,
        openapi: operation({
          operationId: "openInviteLink",
          summary: "Open the emailed invitation link",
          description: [
            "The `url` that create returns and the email carries. It never spends a use nor changes the invitation: it",
            "keeps the token in a signed, httpOnly cookie (30 minutes) and redirects to the app's accept page",
            "(`acceptPageURL`). The first time an invitation's link is followed it writes one `opened` event (an email",
            "scanner that follows links counts too); later opens, and tokens that match no invitation, write nothing, and",
            "a failed write is logged, never answered. The next sign-in or sign-up accepts the invitation kept in that",
            "cookie. An unknown token is only told apart later, by the accept page. No session is needed; there is no",
            "client call.",
          ].join(" "),
          pathParameters: [
            {
              name: "token",
              in: "path",
              required: true,
              description: "The link token or code, as emailed. One longer than 512 characters answers 404.",
              schema: { type: "string" },
            },
          ],
          success: {
            status: 302,
            description: "Redirect to the accept page, with the token kept in the invite cookie.",
            headers: {
              Location: { description: "`acceptPageURL` with the token in it, e.g. `/invite/<token>`.", schema: string("A URL.") },
              "Set-Cookie": {
                description: "`better-auth.invite_token`: the signed token (with Better Auth's cookie prefix).",
                schema: string("A cookie."),
              },
              "Referrer-Policy": { description: "`no-referrer`: the token is in this URL.", schema: string("The policy.") },
              "Cache-Control": { description: "`no-store`.", schema: string("The directive.") },
            },
          },
          errors: { 404: ["INVALID_TOKEN"] },
        }),
      },
    },
    async (ctx) => {
      const token = ctx.params.token;
      if (!token || token.length > 512) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
      await setInviteCookie(ctx, token);
      try {
        await recordFirstOpen(ctx, token);
      } catch (error) {
        // The redirect matters more than the statistic: the invitee still reaches the accept page.
        ctx.context.logger.error('The invitation link was opened, but its "opened" event could not be written', error);
      }
      ctx.setHeader("Referrer-Policy", "no-referrer");
      ctx.setHeader("Cache-Control", "no-store");
      throw ctx.redirect(options.acceptPageURL.replace("{token}", encodeURIComponent(token)));
    },
  );
