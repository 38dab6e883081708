// What the invites table shows, as its URL says it (/dashboard/invites?status=…&q=…&page=…): read once, written once.
import { storableText } from "@/lib/validations/text";

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

export type InvitesQuery = { status?: InviteStatusFilter; q?: string; page: number };

const searchSchema = storableText().trim().min(1).max(254);

/** The URL's query, forgiving: a status, search or page that is not one (an old link, a hand-edited URL) is left out. */
export function parseInvitesQuery(params: Record<string, string | string[] | undefined>): InvitesQuery {
  const status = inviteStatusFilters.find((candidate) => candidate === params.status);
  const search = searchSchema.safeParse(params.q);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  return { status, q: search.success ? search.data : undefined, page };
}

/** The table's URL for a query: the first page is the URL without `page`, as the search form submits it. */
export function invitesHref(query: InvitesQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.q) params.set("q", query.q);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/dashboard/invites?${search}` : "/dashboard/invites";
}
