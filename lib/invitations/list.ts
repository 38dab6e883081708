import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";
import { INVITES_PER_PAGE, type InvitesQuery, orderOf } from "./list-query";

/** One page of the invites table, through the plugin (which decides who sees what, and matches `q` in the addresses). */
export async function listInvitesPage(query: InvitesQuery) {
  const { status, q, page } = query;
  const { sort, dir } = orderOf(query);
  return getAuth().api.listInvites({
    query: {
      status,
      q,
      sortBy: sort === "expires" ? "expiresAt" : "createdAt",
      sortDirection: dir,
      limit: INVITES_PER_PAGE,
      offset: (page - 1) * INVITES_PER_PAGE,
    },
    headers: await headers(),
  });
}

export type InviteListItem = Awaited<ReturnType<typeof listInvitesPage>>["invitations"][number];
