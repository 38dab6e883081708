import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";
import { INVITE_EVENT_TYPES, type InviteEventType } from "@invite-kit/better-auth";

export const EVENTS_PER_PAGE = 25;
export const inviteEventFilters: readonly InviteEventType[] = INVITE_EVENT_TYPES;

/** One page of the invitation event log, through the plugin (which lets only admins read it). */
export async function listInviteEventsPage(options: { type?: InviteEventType; page: number }) {
  return getAuth().api.listInviteEvents({
    query: { type: options.type, limit: EVENTS_PER_PAGE, offset: (options.page - 1) * EVENTS_PER_PAGE },
    headers: await headers(),
  });
}

export type InviteEventItem = Awaited<ReturnType<typeof listInviteEventsPage>>["events"][number];
