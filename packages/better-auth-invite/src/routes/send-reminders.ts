// Server only (never routed over HTTP): sends the reminders that are due. A scheduler calls it, through the app.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { boolean, integer, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { sendDueReminders } from "../reminders";

const sendRemindersBody = z.strictObject({ limit: z.number().int().min(1).max(1000).optional() });

export const sendInviteReminders = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/send-reminders",
    {
      method: "POST",
      body: sendRemindersBody,
      // Better Auth routes no SERVER_ONLY endpoint over HTTP, and leaves it out of its OpenAPI document.
      metadata: {
        SERVER_ONLY: true,
        openapi: operation({
          operationId: "sendInviteReminders",
          summary: "Send the reminders that are due (server code only)",
          description: [
            "`auth.api.sendInviteReminders({ body: {} })` only: never routed over HTTP, so a schedule calls it through the",
            "app (a script, or a route of its own behind a secret). Each private invitation that was emailed and is still",
            "pending `remindAfter` later gets one reminder: `sendUserInvitation` with `reminder: true` and the same link,",
            "in the name of its creator, whose authority is checked again, and a `reminded` event. Runs may overlap: each",
            "invitation is claimed by one guarded update, so it is reminded once. A send that fails is due again at the",
            "next run. With `remindAfter: false` it sends nothing and drops any sealed token left.",
          ].join(" "),
          requestBody: jsonBody(sendRemindersBody, { limit: "The most reminders to look at in this run, oldest first. Default 100." }),
          success: {
            description: "What the run did.",
            schema: object({
              sent: integer("Reminders sent."),
              failed: integer("Reminders whose email could not be sent: due again at the next run."),
              skipped: integer("Due reminders dropped: the creator may no longer grant the role, or the token cannot be unsealed."),
              hasMore: boolean("Whether more were due than `limit`: run again."),
            }),
          },
          errors: { 400: ["INVITATION_EMAIL_NOT_ENABLED"] },
          serverOnly: true,
        }),
      },
    },
    async (ctx) => ctx.json(await sendDueReminders(ctx, options, ctx.body.limit ?? 100)),
  );
