// GET /invite/list: invitations newest first, with who used them; admins see all, others their own.
import type { Where } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { adminOptionsOf, isAdmin } from "../roles";
import { publicInvitation } from "../serialize";
import { normalizeEmail } from "../store";
import type { Invitation, InviteUse, InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

const listQuery = z.object({
  status: z.enum(["pending", "used", "canceled", "rejected", "expired"]).optional(),
  role: text().min(1).max(64).optional(),
  email: text().min(1).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

type Person = { id: string; name: string; email: string };

function statusFilter(status: z.infer<typeof listQuery>["status"], now: Date): Where[] {
  // "used" and "expired" are derived (no uses left; past the expiry), so each filter spells out its conditions.
  const hasUsesLeft: Where[] = [
    { field: "usesLeft", operator: "gt", value: 0, connector: "OR" },
    { field: "maxUses", value: null, connector: "OR" },
  ];
  if (!status) return [];
  if (status === "pending") {
    return [{ field: "status", value: "pending" }, { field: "expiresAt", operator: "gt", value: now }, ...hasUsesLeft];
  }
  if (status === "expired") {
    return [{ field: "status", value: "pending" }, { field: "expiresAt", operator: "lte", value: now }, ...hasUsesLeft];
  }
  if (status === "used") return [{ field: "status", value: "pending" }, { field: "usesLeft", value: 0 }];
  return [{ field: "status", value: status }];
}

export const listInvites = () =>
  createAuthEndpoint(
    "/invite/list",
    {
      method: "GET",
      query: listQuery,
      use: [inviteSessionMiddleware],
      metadata: { openapi: { description: "List invitations with their uses" } },
    },
    async (ctx) => {
      const user: InviteUser = ctx.context.session.user;
      const adapter = ctx.context.adapter;
      const now = new Date();
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const where: Where[] = [
        ...(isAdmin(user, adminOptionsOf(ctx)) ? [] : [{ field: "createdByUserId", value: user.id }]),
        ...statusFilter(ctx.query.status, now),
        ...(ctx.query.role ? [{ field: "role", value: ctx.query.role }] : []),
        ...(ctx.query.email ? [{ field: "email", value: normalizeEmail(ctx.query.email) }] : []),
      ];

      const [invitations, total] = await Promise.all([
        // Ids sort by creation time and are unique: a total order, so pages split the matches exactly.
        adapter.findMany<Invitation>({ model: "invite", where, limit, offset, sortBy: { field: "id", direction: "desc" } }),
        adapter.count({ model: "invite", where }),
      ]);
      const uses = invitations.length
        ? await adapter.findMany<InviteUse>({
            model: "inviteUse",
            where: [{ field: "inviteId", operator: "in", value: invitations.map((invitation) => invitation.id) }],
            sortBy: { field: "usedAt", direction: "asc" },
          })
        : [];
      const personIds = [...new Set([...invitations.map((invitation) => invitation.createdByUserId), ...uses.map((use) => use.usedByUserId)])];
      const people = personIds.length
        ? await adapter.findMany<Person>({ model: "user", where: [{ field: "id", operator: "in", value: personIds }], select: ["id", "name", "email"] })
        : [];
      const personById = new Map(people.map((person) => [person.id, { id: person.id, name: person.name, email: person.email }]));

      return ctx.json({
        invitations: invitations.map((invitation) => ({
          ...publicInvitation(invitation, now),
          createdBy: personById.get(invitation.createdByUserId) ?? null,
          uses: uses
            .filter((use) => use.inviteId === invitation.id)
            .map((use) => ({
              usedAt: use.usedAt,
              previousRole: use.previousRole,
              newRole: use.newRole,
              user: personById.get(use.usedByUserId) ?? { id: use.usedByUserId, name: null, email: null },
            })),
        })),
        total,
        limit,
        offset,
      });
    },
  );
