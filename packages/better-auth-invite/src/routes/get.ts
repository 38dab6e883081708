// GET /invite/get: what the accept page shows about an invitation, to anyone holding its token.
import { APIError, createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import { creatorStillMayGrant, lostAuthorityError } from "../authority";
import { INVITE_ERROR_CODES } from "../error-codes";
import { chargeTokenLookup } from "../lookup-budget";
import type { ResolvedInviteOptions } from "../options";
import { displayStatus, findInviteByToken, normalizeEmail, usesLeft } from "../store";
import { text } from "../text";

export const getInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/get",
    {
      method: "GET",
      query: z.object({ token: text().min(1).max(512) }),
      metadata: { openapi: { description: "Look up an invitation by its token or code" } },
    },
    async (ctx) => {
      await chargeTokenLookup(ctx, options, ctx.query.token);
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.query.token);
      if (!invitation) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
      // Said before the invitee signs up for nothing: an invitation whose creator lost the right to grant it is dead.
      if (displayStatus(invitation) === "pending" && !(await creatorStillMayGrant(ctx, options, invitation, ctx.context.adapter))) {
        throw lostAuthorityError(invitation);
      }
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
          inviterName: invitation.createdByName,
          email: invitation.email && viewerEmail === invitation.email ? invitation.email : null,
          isForViewer: invitation.email === null ? null : viewerEmail === invitation.email,
          newAccount: invitation.newAccount,
        },
      });
    },
  );
