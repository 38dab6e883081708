import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";

export const INVITES_PER_PAGE = 10;
export const inviteStatusFilters = ["pending", "used", "expired", "canceled", "rejected"] as const;
export type InviteStatusFilter = (typeof inviteStatusFilters)[number];

/** One page of the invites table, through the plugin (which decides who sees what). */
export async function listInvitesPage(options: { status?: InviteStatusFilter; page: number }) {
  return getAuth().api.listInvites({
    query: { status: options.status, limit: INVITES_PER_PAGE, offset: (options.page - 1) * INVITES_PER_PAGE },
    headers: await headers(),
  });
}

export type InviteListItem = Awaited<ReturnType<typeof listInvitesPage>>["invitations"][number];
