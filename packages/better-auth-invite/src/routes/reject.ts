// POST /invite/reject: the invitee of a private invitation declines it.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { runAfterHook } from "../after-hook";
import { clearInviteCookie } from "../cookie";
import { INVITE_ERROR_CODES } from "../error-codes";
import { recordEvent } from "../events";
import { chargeTokenLookup } from "../lookup-budget";
import { inviteeInvitationSchema, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { assertUsable, stillOpen } from "../lifecycle";
import { findInviteByToken, inTransaction, inviteNotFound, normalizeEmail } from "../store";
import type { Invitation } from "../types";
import { inviteeInvitation } from "../serialize";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";
import { NO_REMINDER } from "../reminders";

const rejectInviteBody = z.strictObject({ token: text().min(1).max(512) });

export const rejectInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/reject",
    {
      method: "POST",
      body: rejectInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "rejectInvite",
          summary: "Decline a private invitation",
          description: [
            "For the invitee of a private invitation: the signed-in account's verified email must be its address,",
            "since declining speaks for that address. Sets a usable invitation's status to rejected, with an event,",
            "and clears the invite cookie; it is refused from then on. Counts against the look-up budgets.",
          ].join(" "),
          requestBody: jsonBody(rejectInviteBody, { token: "The link token or code of the invitation." }),
          success: {
            description: "Declined.",
            schema: object({
              invitation: inviteeInvitationSchema(
                "The invitation, now rejected, as its invitee sees it: no metadata, no creator's address.",
              ),
            }),
          },
          errors: {
            400: ["INVITE_IS_NOT_PRIVATE"],
            401: ["USER_NOT_LOGGED_IN"],
            403: ["EMAIL_MISMATCH", "EMAIL_NOT_VERIFIED"],
            404: ["INVALID_TOKEN"],
            409: ["NO_USES_LEFT_FOR_INVITE"],
            410: ["INVITE_EXPIRED", "INVITE_CANCELED", "INVITE_LINK_REPLACED"],
          },
          countsLookups: true,
        }),
      },
    },
    async (ctx) => {
      await chargeTokenLookup(ctx, options, ctx.body.token);
      const invitation = await findInviteByToken(ctx.context.adapter, ctx.body.token);
      if (!invitation) throw await inviteNotFound(ctx.context.adapter, ctx.body.token);
      if (!invitation.email) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITE_IS_NOT_PRIVATE);
      if (normalizeEmail(ctx.context.session.user.email) !== invitation.email) {
        throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_MISMATCH);
      }
      // Declining speaks for the address, so it needs the same proof as accepting.
      if (!ctx.context.session.user.emailVerified) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_NOT_VERIFIED);
      assertUsable(invitation);
      const invitedUser = ctx.context.session.user;
      await options.inviteHooks?.beforeRejectInvite?.({ invitation, invitedUser, ctx });
      const rejected = await inTransaction(ctx, async (trx) => {
        const updated = await trx.update<Invitation>({
          model: "invite",
          where: stillOpen({ field: "id", value: invitation.id }),
          update: { status: "rejected", activeEmail: null, ...NO_REMINDER },
        });
        if (updated) await recordEvent(trx, { inviteId: updated.id, type: "rejected", actor: invitedUser });
        return updated;
      });
      if (!rejected) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);
      clearInviteCookie(ctx);
      await runAfterHook(ctx, "afterRejectInvite", () =>
        options.inviteHooks?.afterRejectInvite?.({ invitation: rejected, invitedUser, ctx }),
      );
      return ctx.json({ invitation: inviteeInvitation(rejected) });
    },
  );
