// POST /invite/resend: a private invitation gets a new token (the old one stops working), its lifetime again, a new email.
import type { DBAdapter } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { runAfterHook } from "../after-hook";
import { creatorStillMayGrant } from "../authority";
import { INVITE_ERROR_CODES } from "../error-codes";
import { recordEvent } from "../events";
import { invitationSchema, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { scheduleReminder } from "../reminders";
import { publicInvitation } from "../serialize";
import { assertStillOpen, stillOpen } from "../lifecycle";
import { inTransaction, isUniqueViolation } from "../store";
import { generateInviteToken, hashToken } from "../token";
import type { Invitation, InviteEvent } from "../types";
import { findManageableInvite } from "./manage";
import { sendInvitationEmail } from "./send";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

const resendInviteBody = z.strictObject({ id: text().min(1).max(128) });

export const resendInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/resend",
    {
      method: "POST",
      body: resendInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "resendInvite",
          summary: "Send a private invitation again, with a new token",
          description: [
            "Needs a session and `canCancelInvite` (default: the creator, or an admin). For a pending private",
            "invitation, expired ones included, whose creator may still grant its role: a new token of the same type",
            "(the old link or code stops working; the old link then answers `INVITE_LINK_REPLACED`), a new expiry as far",
            "from now as the invitation's own lifetime (from its creation, or its latest resend, to the expiry that gave),",
            "and `sendUserInvitation` again. The new token goes",
            "only to the invitee's inbox. If sending fails, the old token is put back. Sends email, so it is rate",
            "limited per address (by default 20 per 60 s).",
          ].join(" "),
          requestBody: jsonBody(resendInviteBody, { id: "The invitation's id (from create or list)." }),
          success: { description: "Sent again.", schema: object({ invitation: invitationSchema("The invitation, with its new expiry.") }) },
          errors: {
            400: ["INVITE_IS_NOT_PRIVATE", "INVITATION_EMAIL_NOT_ENABLED"],
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS", "INVITER_NOT_ALLOWED"],
            404: ["INVALID_TOKEN"],
            409: ["NO_USES_LEFT_FOR_INVITE", "ALREADY_INVITED"],
            410: ["INVITE_CANCELED"],
            502: ["ERROR_SENDING_THE_INVITATION_EMAIL"],
          },
        }),
      },
    },
    async (ctx) => {
      const user = ctx.context.session.user;
      const invitation = await findManageableInvite(ctx, options, ctx.body.id, user);
      if (!invitation.email) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITE_IS_NOT_PRIVATE);
      if (!options.sendUserInvitation) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);
      assertStillOpen(invitation);
      // A fresh token is a fresh grant: it needs the authority of the invitation's creator as they are now.
      if (!(await creatorStillMayGrant(ctx, options, invitation, ctx.context.adapter))) {
        await recordEvent(ctx.context.adapter, {
          inviteId: invitation.id,
          type: "refused",
          actor: user,
          details: { action: "resend", code: INVITE_ERROR_CODES.INVITER_NOT_ALLOWED.code },
        });
        throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INVITER_NOT_ALLOWED);
      }
      // After every check and before anything is written: a refusal here leaves the old token working and sends nothing.
      await options.inviteHooks?.beforeResendInvite?.({ invitation, resendingUser: user, ctx });

      const invitee = await ctx.context.internalAdapter.findUserByEmail(invitation.email);
      const token = generateInviteToken(invitation.tokenType, options.generateToken);
      const now = new Date();
      // The invitation's own lifetime, not the default: a 24-hour invitation sent again is good for 24 hours again.
      const expiresAt = new Date(now.getTime() + (await lifetimeOf(ctx.context.adapter, invitation, options.invitationTokenExpiresIn)));
      const renewal = await inTransaction(ctx, async (trx) => {
        const updated = await trx.update<Invitation>({
          model: "invite",
          where: stillOpen({ field: "id", value: invitation.id }),
          update: {
            tokenHash: await hashToken(token),
            // The old link stops working, but says why (INVITE_LINK_REPLACED) instead of "not found".
            previousTokenHash: invitation.tokenHash,
            expiresAt,
            // An expired invitation still holds its address until it is released; renewed, it holds it again.
            activeEmail: invitation.email,
            // The invitee may have signed up since: the email then speaks of an upgrade.
            newAccount: !invitee,
            // A new token and a new expiry: the reminder is of this email, sealed with the token it carries.
            ...(await scheduleReminder(ctx, options, { token, emailed: true, expiresAt, now })),
          },
        });
        if (!updated) return null;
        const event = await recordEvent(trx, { inviteId: updated.id, type: "resent", actor: user, at: now, details: { expiresAt } });
        return { renewed: updated, event };
      }).catch((error: unknown) => {
        // A newer invitation took the address while this one was expired: it is the live one now.
        if (isUniqueViolation(error)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_INVITED);
        throw error;
      });
      if (!renewal) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);
      const { renewed, event } = renewal;

      try {
        await sendInvitationEmail(ctx, options, { invitation: renewed, token, inviter: user, inviteeName: invitee?.user.name });
      } catch (error) {
        // Nobody got the new token: put the old one back, so the invitation already sent keeps working, and the
        // resend is undone whole, its event with it.
        await inTransaction(ctx, async (trx) => {
          await trx.update({
            model: "invite",
            where: [{ field: "id", value: invitation.id }],
            update: {
              tokenHash: invitation.tokenHash,
              previousTokenHash: invitation.previousTokenHash ?? null,
              expiresAt: invitation.expiresAt,
              newAccount: invitation.newAccount,
              activeEmail: invitation.activeEmail,
              remindAt: invitation.remindAt,
              sealedToken: invitation.sealedToken,
            },
          });
          await trx.delete({ model: "inviteEvent", where: [{ field: "id", value: event.id }] });
        });
        ctx.context.logger.error("Could not resend the invitation email", error);
        throw APIError.from("BAD_GATEWAY", INVITE_ERROR_CODES.ERROR_SENDING_THE_INVITATION_EMAIL);
      }
      await runAfterHook(ctx, "afterResendInvite", () =>
        options.inviteHooks?.afterResendInvite?.({ invitation: renewed, resendingUser: user, ctx }),
      );
      return ctx.json({ invitation: publicInvitation(renewed) });
    },
  );

/**
 * How long the invitation was made to last: from its creation, or from its latest resend, to the expiry that gave it.
 * Read from the event log, so no column is needed, and the same on every database.
 */
async function lifetimeOf(adapter: DBAdapter, invitation: Invitation, fallbackSeconds: number): Promise<number> {
  const [latestResend] = await adapter.findMany<InviteEvent>({
    model: "inviteEvent",
    where: [
      { field: "inviteId", value: invitation.id },
      { field: "type", value: "resent" },
    ],
    sortBy: { field: "id", direction: "desc" },
    limit: 1,
  });
  const since = latestResend ? new Date(latestResend.at) : new Date(invitation.createdAt);
  const lifetime = new Date(invitation.expiresAt).getTime() - since.getTime();
  // An expiry moved by hand to before the last renewal says nothing of a lifetime: the default then.
  return lifetime > 0 ? lifetime : fallbackSeconds * 1000;
}
