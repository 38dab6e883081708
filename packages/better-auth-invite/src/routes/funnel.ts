// GET /invite/funnel: the invitations created in the last `days` days, counted by how far each got, with a daily trend.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { type InviteFunnel, readFunnel } from "../funnel";
import { array, dateTime, integer, nullable, object, operation, queryParameters, type Schema, string } from "../openapi";
import { adminOptionsOf, isAdmin } from "../roles";
import type { InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";

const funnelQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).optional(),
});

const rate = (description: string): Schema => ({ type: "number", description });

export const getInviteFunnel = () =>
  createAuthEndpoint(
    "/invite/funnel",
    {
      method: "GET",
      query: funnelQuery,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "getInviteFunnel",
          summary: "Count the invitations of a window by how far they got",
          description: [
            "Needs a session. Admins (per the admin plugin) count every invitation, everyone else the ones they created, as",
            "with the list. Counts the invitations created since midnight UTC `days - 1` days ago: sent (created), opened (the",
            "emailed link was followed at least once, by a person or an email scanner), accepted (at least one use), and how",
            "the others stand: pending, expired, revoked (canceled), declined. The states are exclusive; accepted overlaps",
            "them for an invitation with several uses. A code typed in, or a link that was never emailed, can be accepted",
            "without being opened. Read from the invitations and the event log, a thousand rows a statement.",
          ].join(" "),
          parameters: queryParameters(funnelQuery, { days: "The window, in days, today included. Default 30." }),
          success: {
            description: "The funnel of the window.",
            schema: object<InviteFunnel>({
              days: integer("The window used, in days."),
              since: dateTime("The window's first instant: midnight UTC, days - 1 days ago."),
              sent: integer("Invitations created in the window."),
              opened: integer("Of those, the ones whose emailed link was followed."),
              accepted: integer("Of those, the ones used at least once."),
              pending: integer("Of those, the ones usable now."),
              expired: integer("Of those, the ones past their expiry with a use left."),
              revoked: integer("Of those, the ones canceled."),
              declined: integer("Of those, the ones their invitee declined."),
              acceptanceRate: nullable(rate("accepted / sent, from 0 to 1; null when nothing was sent.")),
              series: array(
                object<InviteFunnel["series"][number]>(
                  {
                    date: string("The UTC day, as YYYY-MM-DD."),
                    created: integer("Invitations created that day."),
                    accepted: integer("Invitations of the window first used that day."),
                  },
                  { description: "One day." },
                ),
                "One entry per day of the window, oldest first.",
              ),
            }),
          },
          errors: { 401: ["USER_NOT_LOGGED_IN"] },
        }),
      },
    },
    async (ctx) => {
      const user: InviteUser = ctx.context.session.user;
      const funnel = await readFunnel(ctx.context.adapter, {
        days: ctx.query.days ?? 30,
        createdByUserId: isAdmin(user, adminOptionsOf(ctx)) ? undefined : user.id,
      });
      return ctx.json(funnel);
    },
  );
