// GET /invite/get: what the accept page shows about an invitation, to anyone holding its token.
import { APIError, createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES } from "../error-codes";
import { displayStatus, findInviteByToken, normalizeEmail, usesLeft } from "../store";
import { text } from "../text";

export const getInvite = () =>
  createAuthEndpoint(
    "/invite/get",
    {
      method: "GET",
      query: z.object({ token: text().min(1).max(512) }),
      metadata: { openapi: { description: "Look up an invitation by its token or code" } },
    },
    async (ctx) => {
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.query.token);
      if (!invitation) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);

      const inviter = await ctx.context.internalAdapter.findUserById(invitation.createdByUserId);
      // Emails are shown only to their owners: a forwarded link reveals no address.
      const session = invitation.email ? await getSessionFromCtx(ctx) : null;
      const viewerEmail = session ? normalizeEmail(session.user.email) : null;
      return ctx.json({
        invitation: {
          role: invitation.role,
          status: displayStatus(invitation),
          expiresAt: invitation.expiresAt,
          tokenType: invitation.tokenType,
          isPrivate: invitation.email !== null,
          maxUses: invitation.maxUses,
          usesLeft: usesLeft(invitation),
          inviterName: inviter?.name ?? null,
          email: invitation.email && viewerEmail === invitation.email ? invitation.email : null,
          isForViewer: invitation.email === null ? null : viewerEmail === invitation.email,
          newAccount: invitation.newAccount,
        },
      });
    },
  );
