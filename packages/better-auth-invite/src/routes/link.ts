// GET /invite/:token: the emailed link. Changes nothing: keeps the token in a cookie and redirects to the accept page.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setInviteCookie } from "../cookie";
import { INVITE_ERROR_CODES } from "../error-codes";
import type { ResolvedInviteOptions } from "../options";

export const openInviteLink = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/:token",
    {
      method: "GET",
      // Email scanners open links: a GET here must never spend a use or touch the database.
      metadata: { isAction: false, openapi: { description: "The emailed invitation link" } },
    },
    async (ctx) => {
      const token = ctx.params.token;
      if (!token || token.length > 512) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
      await setInviteCookie(ctx, token);
      ctx.setHeader("Referrer-Policy", "no-referrer");
      ctx.setHeader("Cache-Control", "no-store");
      throw ctx.redirect(options.acceptPageURL.replace("{token}", encodeURIComponent(token)));
    },
  );
