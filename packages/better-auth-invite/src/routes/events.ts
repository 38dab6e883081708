// GET /invite/events: the event log of every invitation, newest first, for admins.
import type { Where } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES } from "../error-codes";
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
      metadata: { openapi: { description: "The invitation event log, newest first (admins)" } },
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
          : await ctx.context.adapter.findMany<Invitation>({ model: "invite", where: [{ field: "id", operator: "in", value: ids }], limit: ids.length });
      const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
      return ctx.json({
        events: page.map((event) => {
          const invitation = byId.get(event.inviteId);
          return {
            id: event.id,
            type: event.type,
            at: event.at,
            actor: event.actorName === null && event.actorEmail === null ? null : { id: event.actorUserId, name: event.actorName, email: event.actorEmail },
            details: event.details ?? {},
            invitation: invitation
              ? { id: invitation.id, role: invitation.role, email: invitation.email, tokenType: invitation.tokenType, createdByName: invitation.createdByName }
              : { id: event.inviteId, role: null, email: null, tokenType: null, createdByName: null },
          };
        }),
        hasMore: events.length > limit,
        limit,
        offset,
      });
    },
  );
