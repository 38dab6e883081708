import "server-only";
import { headers } from "next/headers";
import { inArray, sql } from "drizzle-orm";
import { INVITE_EVENT_TYPES, type InviteEventType } from "@invite-kit/better-auth";
import { getAuth } from "@/lib/auth/server";
import { getDb } from "@/lib/db";
import { userEvent } from "@/lib/db/schema";
import { listUserEvents, type UserEvent } from "@/lib/users/events";

/*
 * The Activity page's log: the invitation events (the invite plugin's, read through its API, which lets only admins
 * read them) and the account events (user_event), merged newest first. Both tables have time-ordered ids, so
 * "newest first" is one order over both.
 */

export const EVENTS_PER_PAGE = 25;

/** "accounts": the Users page's events; an invitation event's type: only those. */
export type ActivityFilter = InviteEventType | "accounts";
export const activityFilters: readonly ActivityFilter[] = [...INVITE_EVENT_TYPES, "accounts"];

export type InviteEventItem = Awaited<ReturnType<typeof listInviteEvents>>["events"][number];
export type ActivityItem = { source: "invite"; event: InviteEventItem } | { source: "account"; event: UserEvent };

async function listInviteEvents(query: { type?: InviteEventType; limit: number; offset: number }) {
  return getAuth().api.listInviteEvents({ query, headers: await headers() });
}

export async function listActivityPage({ filter, page }: { filter?: ActivityFilter; page: number }) {
  const offset = (page - 1) * EVENTS_PER_PAGE;
  if (filter === "accounts") {
    const { events, hasMore } = await listUserEvents(getDb(), { limit: EVENTS_PER_PAGE, offset });
    return { items: events.map((event): ActivityItem => ({ source: "account", event })), hasMore };
  }
  if (filter) {
    const { events, hasMore } = await listInviteEvents({ type: filter, limit: EVENTS_PER_PAGE, offset });
    return { items: events.map((event): ActivityItem => ({ source: "invite", event })), hasMore };
  }
  return listMergedPage(offset);
}

type PageRow = { id: string; source: "invite" | "account"; invites_before: number | string };

/**
 * One page of both logs. First which events the page holds, by id alone, over both tables; with, for each, how many
 * invitation events come before it, which is the offset of the page's first one in the plugin's own list. Then the
 * invitation events from the plugin and the account events from user_event, put back in the page's order.
 */
async function listMergedPage(offset: number) {
  const db = getDb();
  const result = await db.execute<PageRow>(sql`
    select id, source, count(*) filter (where source = 'invite') over (order by id desc rows between unbounded preceding and 1 preceding) as invites_before
    from (select id, 'invite' as source from invite_event union all select id, 'account' as source from user_event) as events
    order by id desc
    limit ${EVENTS_PER_PAGE + 1} offset ${offset}`);
  const rows = ("rows" in result ? result.rows : result).map((row) => ({ ...row, invitesBefore: Number(row.invites_before) }));
  const page = rows.slice(0, EVENTS_PER_PAGE);
  const inviteRows = page.filter((row) => row.source === "invite");
  const accountIds = page.filter((row) => row.source === "account").map((row) => row.id);
  const [invites, accounts] = await Promise.all([
    inviteRows[0] ? listInviteEvents({ limit: inviteRows.length, offset: inviteRows[0].invitesBefore }).then(({ events }) => events) : [],
    accountIds.length > 0 ? db.select().from(userEvent).where(inArray(userEvent.id, accountIds)) : [],
  ]);
  const inviteById = new Map(invites.map((event) => [event.id, event]));
  const accountById = new Map(accounts.map((event) => [event.id, event]));
  const items: ActivityItem[] = [];
  // An invitation event written between the two reads shifts the plugin's page by one: the page then shows what
  // both reads agree on, and the next load shows the rest.
  for (const row of page) {
    const invite = inviteById.get(row.id);
    const account = accountById.get(row.id);
    if (invite) items.push({ source: "invite", event: invite });
    else if (account) items.push({ source: "account", event: account });
  }
  return { items, hasMore: rows.length > EVENTS_PER_PAGE };
}
