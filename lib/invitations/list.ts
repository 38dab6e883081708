import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";
import type { InvitesQuery } from "./list-query";

export const INVITES_PER_PAGE = 10;

/** One page of the invites table, through the plugin (which decides who sees what, and matches `q` in the addresses). */
export async function listInvitesPage({ status, q, page }: InvitesQuery) {
  return getAuth().api.listInvites({
    query: { status, q, limit: INVITES_PER_PAGE, offset: (page - 1) * INVITES_PER_PAGE },
    headers: await headers(),
  });
}

export type InviteListItem = Awaited<ReturnType<typeof listInvitesPage>>["invitations"][number];
