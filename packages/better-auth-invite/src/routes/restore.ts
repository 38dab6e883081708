// POST /invite/restore: undo a cancel made moments ago; the same link works again, and a `restored` event says who.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { creatorStillMayGrant, grantRefusal } from "../authority";
import { INVITE_ERROR_CODES } from "../error-codes";
import { recordEvent } from "../events";
import { invitationSchema, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { publicInvitation } from "../serialize";
import { findInviteById, inTransaction, isUniqueViolation } from "../store";
import type { Invitation, InviteEvent } from "../types";
import { findManageableInvite } from "./manage";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

const restoreInviteBody = z.strictObject({ id: text().min(1).max(128) });

export const restoreInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/restore",
    {
      method: "POST",
      body: restoreInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "restoreInvite",
          summary: "Undo a recent cancel",
          description: [
            "Needs a session and `canCancelInvite` (default: the creator, or an admin), and that the caller may grant the",
            "invitation's role now (`canCreateInvite` and the hierarchy), as may its creator. Within `restoreWindow` seconds",
            "(default 120) of its latest cancel, a canceled invitation that has not expired becomes pending again, with the",
            "same token: its link or code works again. The cancel's event stays; a `restored` event is added. A private",
            "invitation takes its address back, unless a newer invitation holds it (`ALREADY_INVITED`). Its reminder,",
            "dropped by the cancel, is not scheduled again. Of two restores at once, one wins; the other is told",
            "`INVITE_NOT_CANCELED`.",
          ].join(" "),
          requestBody: jsonBody(restoreInviteBody, { id: "The invitation's id (from create or list)." }),
          success: { description: "Restored.", schema: object({ invitation: invitationSchema("The invitation, pending again.") }) },
          errors: {
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS", "ROLE_ABOVE_INVITER", "INVITER_NOT_ALLOWED"],
            404: ["INVALID_TOKEN"],
            409: ["INVITE_NOT_CANCELED", "ALREADY_INVITED"],
            410: ["RESTORE_WINDOW_PASSED", "INVITE_EXPIRED"],
          },
        }),
      },
    },
    async (ctx) => {
      const user = ctx.context.session.user;
      const adapter = ctx.context.adapter;
      const invitation = await findManageableInvite(ctx, options, ctx.body.id, user);
      // Restoring hands the token its power back: a grant, so it needs the authority of a grant, now.
      const refusal = await grantRefusal(ctx, options, user, { email: invitation.email, role: invitation.role });
      if (refusal) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES[refusal]);
      const now = new Date();
      assertRestorable(invitation, now);
      const [canceled] = await adapter.findMany<InviteEvent>({
        model: "inviteEvent",
        where: [
          { field: "inviteId", value: invitation.id },
          { field: "type", value: "canceled" },
        ],
        sortBy: { field: "id", direction: "desc" },
        limit: 1,
      });
      if (!canceled || now.getTime() - new Date(canceled.at).getTime() >= options.restoreWindow * 1000) {
        throw APIError.from("GONE", INVITE_ERROR_CODES.RESTORE_WINDOW_PASSED);
      }
      if (!(await creatorStillMayGrant(ctx, options, invitation, adapter))) {
        throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INVITER_NOT_ALLOWED);
      }

      // Guarded on still being canceled and unexpired: of two restores at once, only one changes the row and writes
      // its event; the other finds it pending and is told so.
      const restored = await inTransaction(ctx, async (trx) => {
        const updated = await trx.update<Invitation>({
          model: "invite",
          where: [
            { field: "id", value: invitation.id },
            { field: "status", value: "canceled" },
            { field: "expiresAt", operator: "gt", value: now },
          ],
          update: { status: "pending", activeEmail: invitation.email },
        });
        if (updated) {
          await recordEvent(trx, {
            inviteId: updated.id,
            type: "restored",
            actor: user,
            at: now,
            details: { canceledEventId: canceled.id },
          });
        }
        return updated;
      }).catch((error: unknown) => {
        // A newer invitation to the address was made after the cancel: it is the live one, and stays so.
        if (isUniqueViolation(error)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_INVITED);
        throw error;
      });
      if (!restored) {
        const current = await findInviteById(adapter, invitation.id);
        if (current) assertRestorable(current, now);
        throw APIError.from("CONFLICT", INVITE_ERROR_CODES.INVITE_NOT_CANCELED);
      }
      return ctx.json({ invitation: publicInvitation(restored, now) });
    },
  );

/** Only a canceled invitation is restored, and only while it could still be used. */
function assertRestorable(invitation: Invitation, now: Date): void {
  if (invitation.status !== "canceled") throw APIError.from("CONFLICT", INVITE_ERROR_CODES.INVITE_NOT_CANCELED);
  if (new Date(invitation.expiresAt).getTime() <= now.getTime()) throw APIError.from("GONE", INVITE_ERROR_CODES.INVITE_EXPIRED);
}
