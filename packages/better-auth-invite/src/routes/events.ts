// GET /invite/events: the event log of every invitation, newest first, for admins.
import type { Where } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES } from "../error-codes";
import {
  array,
  boolean,
  dateTime,
  eventTypeSchema,
  integer,
  invitationProperties,
  nullable,
  object,
  operation,
  queryParameters,
  string,
} from "../openapi";
import { adminOptionsOf, isAdmin } from "../roles";
import { text } from "../text";
import { INVITE_EVENT_TYPES, type Invitation, type InviteEvent, type InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";

const eventsQuery = z.object({
  type: z.enum(INVITE_EVENT_TYPES).optional(),
  inviteId: text().min(1).max(128).optional(),
  actorUserId: text().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const listInviteEvents = () =>
  createAuthEndpoint(
    "/invite/events",
    {
      method: "GET",
      query: eventsQuery,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "listInviteEvents",
          summary: "Read the invitation event log",
          description: [
            "For admins (per the admin plugin). Every event of every invitation, newest first (time-ordered ids):",
            "created, emailed, resent, reminded, opened, canceled, restored, rejected, accepted, refused, each with who acted and the",
            "invitation it is about. The log is append-only and outlives the accounts it names.",
          ].join(" "),
          parameters: queryParameters(eventsQuery, {
            type: "Only events of this type.",
            inviteId: "Only the events of this invitation.",
            actorUserId: "Only the events this user caused.",
            limit: "Page size. Default 20.",
            offset: "Events to skip. Default 0.",
          }),
          success: {
            description: "One page of events.",
            schema: object({
              events: array(
                object(
                  {
                    id: string("The event's id: time-ordered."),
                    type: eventTypeSchema,
                    at: dateTime("When it happened."),
                    actor: nullable(
                      object(
                        {
                          id: nullable(string("Their user id; null if none was recorded.")),
                          name: nullable(string("Their name at the time.")),
                          email: nullable(string("Their email address at the time.")),
                        },
                        { description: "Who acted, as they were then; null for what nobody did (a scheduled reminder)." },
                      ),
                    ),
                    details: {
                      type: "object",
                      additionalProperties: true,
                      description: [
                        "By type: created `{ role, email, tokenType, maxUses, expiresAt }`; emailed `{ to }`; resent `{ expiresAt }`; opened `{}`;",
                        'canceled `{}` or `{ reason: "creator-removed", creatorUserId }`; restored `{ canceledEventId }`; accepted `{ previousRole, newRole }`;',
                        "refused `{ action, code }`.",
                      ].join(" "),
                    },
                    invitation: object(
                      {
                        id: string("The invitation's id."),
                        role: nullable(invitationProperties.role),
                        email: invitationProperties.email,
                        tokenType: nullable(invitationProperties.tokenType),
                        createdByName: nullable(invitationProperties.createdByName),
                      },
                      { description: "The invitation it is about (null fields if the invitation cannot be read)." },
                    ),
                  },
                  { description: "One event." },
                ),
                "Newest first.",
              ),
              hasMore: boolean("Whether another page follows."),
              limit: integer("The page size used."),
              offset: integer("The offset used."),
            }),
          },
          errors: { 401: ["USER_NOT_LOGGED_IN"], 403: ["INSUFFICIENT_PERMISSIONS"] },
        }),
      },
    },
    async (ctx) => {
      const user: InviteUser = ctx.context.session.user;
      if (!isAdmin(user, adminOptionsOf(ctx))) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INSUFFICIENT_PERMISSIONS);
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const where: Where[] = [
        ...(ctx.query.type ? [{ field: "type", value: ctx.query.type }] : []),
        ...(ctx.query.inviteId ? [{ field: "inviteId", value: ctx.query.inviteId }] : []),
        ...(ctx.query.actorUserId ? [{ field: "actorUserId", value: ctx.query.actorUserId }] : []),
      ];
      // One row more than the page says whether there is a next one, without counting every match.
      const events = await ctx.context.adapter.findMany<InviteEvent>({
        model: "inviteEvent",
        where,
        limit: limit + 1,
        offset,
        sortBy: { field: "id", direction: "desc" },
      });
      const page = events.slice(0, limit);
      const ids = [...new Set(page.map((event) => event.inviteId))];
      const invitations =
        ids.length === 0
          ? []
          : await ctx.context.adapter.findMany<Invitation>({
              model: "invite",
              where: [{ field: "id", operator: "in", value: ids }],
              limit: ids.length,
            });
      const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
      return ctx.json({
        events: page.map((event) => {
          const invitation = byId.get(event.inviteId);
          return {
            id: event.id,
            type: event.type,
            at: event.at,
            actor:
              event.actorName === null && event.actorEmail === null
                ? null
                : { id: event.actorUserId, name: event.actorName, email: event.actorEmail },
            details: event.details ?? {},
            invitation: invitation
              ? {
                  id: invitation.id,
                  role: invitation.role,
                  email: invitation.email,
                  tokenType: invitation.tokenType,
                  createdByName: invitation.createdByName,
                }
              : { id: event.inviteId, role: null, email: null, tokenType: null, createdByName: null },
          };
        }),
        hasMore: events.length > limit,
        limit,
        offset,
      });
    },
  );
