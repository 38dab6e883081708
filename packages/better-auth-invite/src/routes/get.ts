// GET /invite/get: what the accept page shows about an invitation, to anyone holding its token.
import { createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import { z } from "zod";
import { creatorStillMayGrant, lostAuthorityError } from "../authority";
import { chargeTokenLookup } from "../lookup-budget";
import { boolean, dateTime, invitationProperties, nullable, object, oneOf, operation, queryParameters, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { displayStatus, usesLeft } from "../lifecycle";
import { findInviteByToken, findUse, inviteNotFound, normalizeEmail } from "../store";
import { text } from "../text";

const getInviteQuery = z.object({ token: text().min(1).max(512) });

export const getInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/get",
    {
      method: "GET",
      query: getInviteQuery,
      metadata: {
        openapi: operation({
          operationId: "getInvite",
          summary: "Look up an invitation by its token or code",
          description: [
            "What an accept page shows, to anyone who holds the token: no session is needed. Reports any status and",
            "changes nothing. To a signed-in viewer who accepted it, says when (`viewerAcceptedAt`). Never returns the",
            "inviter's email or the creator's metadata, and the invitee's email only to a",
            "viewer signed in with it. Returns the personal message (plain text: escape it) and any allowed domains.",
            "Each call counts against the plugin's look-up budgets.",
          ].join(" "),
          parameters: queryParameters(getInviteQuery, {
            token: "A link token, or a code in any case, with or without its dash.",
          }),
          success: {
            description: "The invitation, as its holder may see it.",
            schema: object({
              invitation: object(
                {
                  role: invitationProperties.role,
                  status: oneOf(
                    ["pending", "used", "canceled", "rejected", "expired"],
                    "Its status as a reader sees it (expired is derived).",
                  ),
                  expiresAt: dateTime("When it stops being usable."),
                  tokenType: invitationProperties.tokenType,
                  isPrivate: invitationProperties.isPrivate,
                  maxUses: invitationProperties.maxUses,
                  usesLeft: invitationProperties.usesLeft,
                  inviterName: string("The creator's name when the invitation was made."),
                  email: nullable(string("The invitee's address, only to a viewer signed in with it; otherwise null.")),
                  isForViewer: nullable(
                    boolean("For a private invitation, whether the signed-in viewer is its invitee; null for a shareable one."),
                  ),
                  newAccount: invitationProperties.newAccount,
                  message: invitationProperties.message,
                  allowedDomains: invitationProperties.allowedDomains,
                  viewerAcceptedAt: nullable(dateTime("When the signed-in viewer accepted this invitation; null when they have not.")),
                },
                { description: "Never the token, its hash, the inviter's email, or the creator's metadata." },
              ),
            }),
          },
          errors: {
            403: ["INVITER_NOT_ALLOWED"],
            404: ["INVALID_TOKEN"],
            410: ["INVITE_LINK_REPLACED"],
          },
          countsLookups: true,
        }),
      },
    },
    async (ctx) => {
      await chargeTokenLookup(ctx, options, ctx.query.token);
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.query.token);
      if (!invitation) throw await inviteNotFound(ctx.context.adapter, ctx.query.token);
      // Said before the invitee signs up for nothing: an invitation whose creator lost the right to grant it is dead.
      if (displayStatus(invitation) === "pending" && !(await creatorStillMayGrant(ctx, options, invitation, ctx.context.adapter))) {
        throw lostAuthorityError(invitation);
      }
      // Emails are shown only to their owners: a forwarded link reveals no address.
      const session = await getSessionFromCtx(ctx);
      const viewerEmail = session ? normalizeEmail(session.user.email) : null;
      // Someone reopening an invitation they accepted is told so, not that it has no uses left. Only their own use.
      // An invitation nobody has used needs no look-up: the common case (a pending invitation) costs no statement more.
      const viewerUse = session && invitation.useCount > 0 ? await findUse(ctx.context.adapter, invitation.id, session.user.id) : null;
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
          // The invitee reads the note, and must know which address to accept with; the metadata is the creator's.
          message: invitation.message ?? null,
          allowedDomains: invitation.allowedDomains ?? null,
          viewerAcceptedAt: viewerUse?.usedAt ?? null,
        },
      });
    },
  );
