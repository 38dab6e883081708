// What the invites table shows, as its URL says it (/dashboard/invites?status=…&q=…&sort=…&dir=…&page=…): read once, written once.
import { z } from "zod";
import { storableText } from "@/lib/validations/text";

/** Rows on a page of the table: also the most invitations one bulk action may name. */
export const INVITES_PER_PAGE = 10;

export const inviteStatusFilters = ["pending", "used", "expired", "canceled", "rejected"] as const;
export type InviteStatusFilter = (typeof inviteStatusFilters)[number];

/**
 * Each status in the words of the buttons that lead to it: the plugin says "canceled" and "rejected", the admin
 * pressed Revoke and the invitee Decline. The one place the table, its filters and its empty states read them from.
 */
export const inviteStatusLabels: Record<InviteStatusFilter, string> = {
  pending: "Pending",
  used: "Used",
  expired: "Expired",
  canceled: "Revoked",
  rejected: "Declined",
};

export const inviteSortKeys = ["created", "expires"] as const;
export type InviteSort = (typeof inviteSortKeys)[number];
export type SortDirection = "asc" | "desc";

/** Omitted from a query, the table is newest first: the order the plugin reads fastest, and the one people expect. */
export type InvitesQuery = { status?: InviteStatusFilter; q?: string; page: number; sort?: InviteSort; dir?: SortDirection };

const searchSchema = storableText().trim().min(1).max(254);
// Anything else (an old link, a hand-edited URL) falls back to newest first, never to an error.
const orderSchema = z
  .object({ sort: z.enum(inviteSortKeys), dir: z.enum(["asc", "desc"]).default("desc") })
  .catch({ sort: "created", dir: "desc" });

/** The order a query asks for, with the defaults filled in. */
export function orderOf(query: Pick<InvitesQuery, "sort" | "dir">): { sort: InviteSort; dir: SortDirection } {
  return { sort: query.sort ?? "created", dir: query.dir ?? "desc" };
}

/** The URL's query, forgiving: a status, search, order or page that is not one is left out. */
export function parseInvitesQuery(params: Record<string, string | string[] | undefined>): InvitesQuery {
  const status = inviteStatusFilters.find((candidate) => candidate === params.status);
  const search = searchSchema.safeParse(params.q);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  const order = orderSchema.parse({ sort: params.sort ?? "created", dir: params.dir });
  return { status, q: search.success ? search.data : undefined, page, ...order };
}

/**
 * The table's URL for a query: the first page is the URL without `page`, as the search form submits it, and newest
 * first is the URL without `sort` and `dir`.
 */
export function invitesHref(query: InvitesQuery): string {
  const params = new URLSearchParams();
  const { sort, dir } = orderOf(query);
  if (query.status) params.set("status", query.status);
  if (query.q) params.set("q", query.q);
  if (sort !== "created") params.set("sort", sort);
  if (dir !== "desc") params.set("dir", dir);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/dashboard/invites?${search}` : "/dashboard/invites";
}

/** The direction a column's header leads to: the other one when sorted by it, else its own first (newest, soonest). */
export function nextDirection(query: InvitesQuery, sort: InviteSort): SortDirection {
  const current = orderOf(query);
  if (current.sort === sort) return current.dir === "asc" ? "desc" : "asc";
  return sort === "created" ? "desc" : "asc";
}

/** Where a column's header leads: the table in that direction, from the first page, with the filter and search kept. */
export function sortHref(query: InvitesQuery, sort: InviteSort): string {
  return invitesHref({ ...query, sort, dir: nextDirection(query, sort), page: 1 });
}
