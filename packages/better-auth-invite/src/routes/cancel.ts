// POST /invite/cancel: revoke an invitation; it is refused from the next request on.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { runAfterHook } from "../after-hook";
import { INVITE_ERROR_CODES } from "../error-codes";
import { recordEvent } from "../events";
import { invitationSchema, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { publicInvitation } from "../serialize";
import { assertStillOpen, stillOpen } from "../lifecycle";
import { inTransaction } from "../store";
import type { Invitation } from "../types";
import { findManageableInvite } from "./manage";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";
import { NO_REMINDER } from "../reminders";

const cancelInviteBody = z.strictObject({ id: text().min(1).max(128) });

export const cancelInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/cancel",
    {
      method: "POST",
      body: cancelInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "cancelInvite",
          summary: "Cancel an invitation",
          description: [
            "Needs a session and `canCancelInvite` (default: the invitation's creator, or an admin). Sets a pending",
            "invitation's status to canceled, with an event naming who did it; every later use is refused. An expired",
            "one may still be canceled; an accept that committed first wins. `beforeCancelInvite` may refuse with an",
            "error of its own.",
          ].join(" "),
          requestBody: jsonBody(cancelInviteBody, { id: "The invitation's id (from create or list)." }),
          success: { description: "Canceled.", schema: object({ invitation: invitationSchema("The invitation, now canceled.") }) },
          errors: {
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS"],
            404: ["INVALID_TOKEN"],
            409: ["NO_USES_LEFT_FOR_INVITE"],
            410: ["INVITE_CANCELED"],
          },
        }),
      },
    },
    async (ctx) => {
      const user = ctx.context.session.user;
      const invitation = await findManageableInvite(ctx, options, ctx.body.id, user);
      assertStillOpen(invitation);
      await options.inviteHooks?.beforeCancelInvite?.({ invitation, cancelingUser: user, ctx });
      // Guarded on still being open: an accept that takes the last use first wins, and the cancel says so.
      const canceled = await inTransaction(ctx, async (trx) => {
        const updated = await trx.update<Invitation>({
          model: "invite",
          where: stillOpen({ field: "id", value: invitation.id }),
          update: { status: "canceled", activeEmail: null, ...NO_REMINDER },
        });
        if (updated) await recordEvent(trx, { inviteId: updated.id, type: "canceled", actor: user });
        return updated;
      });
      if (!canceled) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);
      await runAfterHook(ctx, "afterCancelInvite", () =>
        options.inviteHooks?.afterCancelInvite?.({ invitation: canceled, cancelingUser: user, ctx }),
      );
      return ctx.json({ invitation: publicInvitation(canceled) });
    },
  );
