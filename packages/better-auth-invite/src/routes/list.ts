// GET /invite/list: invitations newest first (or by expiry), with who used them; admins see all, others their own.
import type { Where } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import {
  array,
  boolean,
  dateTime,
  integer,
  invitationProperties,
  nullable,
  object,
  operation,
  personSchema,
  queryParameters,
  string,
} from "../openapi";
import { adminOptionsOf, isAdmin } from "../roles";
import { publicInvitation } from "../serialize";
import { inState } from "../lifecycle";
import { emailContains } from "../email-search";
import { normalizeEmail } from "../store";
import { readInvitationPage } from "../list-page";
import type { InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

const listQuery = z.object({
  status: z.enum(["pending", "used", "canceled", "rejected", "expired"]).optional(),
  role: text().min(1).max(64).optional(),
  email: text().min(1).max(254).optional(),
  // Trimmed first: a pasted address often carries spaces, and no address holds one.
  q: text().trim().min(1).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  sortBy: z.enum(["createdAt", "expiresAt"]).optional(),
  sortDirection: z.enum(["asc", "desc"]).optional(),
  withTotal: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).optional(),
});

export const listInvites = () =>
  createAuthEndpoint(
    "/invite/list",
    {
      method: "GET",
      query: listQuery,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "listInvites",
          summary: "List invitations with their uses",
          description: [
            "Needs a session. Admins (per the admin plugin) see every invitation, everyone else the ones they created.",
            "Newest first by default, by time-ordered id, so pages never overlap; `sortBy` and `sortDirection` choose another",
            "order. Each comes with who made it and up to 10 of its",
            "uses, in the order they happened (useCount has the exact number). Never a token or its hash.",
          ].join(" "),
          parameters: queryParameters(listQuery, {
            status:
              "pending (usable: not expired, uses left), used (none left), canceled, rejected, or expired (pending and past expiresAt).",
            role: "Only invitations for this role.",
            email: "Only private invitations to this address (lower-cased before matching).",
            q: [
              "Only private invitations whose address contains this text, in any case (trimmed; 1 to 254 characters).",
              "Combines with the other filters. `%` and `_` match themselves, except on SQLite, where they match any text and any",
              "one character.",
            ].join(" "),
            sortBy: [
              "createdAt (by the time-ordered id: pages never overlap) or expiresAt (ties, rare, come in the database's order).",
              "Default createdAt.",
            ].join(" "),
            sortDirection: "desc (newest or latest first) or asc. Default desc.",
            limit: "Page size. Default 20.",
            offset: "Invitations to skip. Default 0.",
            withTotal: "true to count every match into total, which costs a count over all of them. Default false.",
          }),
          success: {
            description: "One page of invitations.",
            schema: object(
              {
                invitations: array(
                  object(
                    {
                      ...invitationProperties,
                      createdBy: personSchema("Who made it, as they were then."),
                      uses: array(
                        object(
                          {
                            usedAt: dateTime("When it was used."),
                            previousRole: nullable(string("The user's role before; null if none.")),
                            newRole: string("The role granted."),
                            user: personSchema("Who used it, as they were then."),
                          },
                          { description: "One use." },
                        ),
                        "Up to 10 uses, earliest first.",
                      ),
                    },
                    { description: "An invitation, with its creator and uses." },
                  ),
                  "In the order asked for; newest first by default.",
                ),
                hasMore: boolean("Whether another page follows."),
                total: integer("Every matching invitation: only with withTotal=true."),
                limit: integer("The page size used."),
                offset: integer("The offset used."),
              },
              { optional: ["total"] },
            ),
          },
          errors: { 401: ["USER_NOT_LOGGED_IN"] },
        }),
      },
    },
    async (ctx) => {
      const user: InviteUser = ctx.context.session.user;
      const adapter = ctx.context.adapter;
      const now = new Date();
      const limit = ctx.query.limit ?? 20;
      const offset = ctx.query.offset ?? 0;
      const filters: Where[] = [
        ...(isAdmin(user, adminOptionsOf(ctx)) ? [] : [{ field: "createdByUserId", value: user.id }]),
        ...(ctx.query.role ? [{ field: "role", value: ctx.query.role }] : []),
        ...(ctx.query.email ? [{ field: "email", value: normalizeEmail(ctx.query.email) }] : []),
        ...(ctx.query.q ? [emailContains(adapter, ctx.query.q)] : []),
      ];
      const where = ctx.query.status ? inState(ctx.query.status, now, ...filters) : filters;

      const [page, total] = await Promise.all([
        readInvitationPage(ctx, {
          where,
          limit,
          offset,
          // The id is time-ordered and unique: by it, "by creation" needs no tie-break and is the primary key's order.
          sortBy: { field: ctx.query.sortBy === "expiresAt" ? "expiresAt" : "id", direction: ctx.query.sortDirection ?? "desc" },
        }),
        // An exact total is a count over every match (100,000 rows for an admin's unfiltered list): only on request.
        ctx.query.withTotal ? adapter.count({ model: "invite", where }) : undefined,
      ]);

      return ctx.json({
        invitations: page.rows.map(({ invitation, createdBy, uses }) => ({
          ...publicInvitation(invitation, now),
          createdBy,
          uses: uses.map((use) => ({
            usedAt: use.usedAt,
            previousRole: use.previousRole,
            newRole: use.newRole,
            user: use.user,
          })),
        })),
        hasMore: page.hasMore,
        ...(total === undefined ? {} : { total }),
        limit,
        offset,
      });
    },
  );
