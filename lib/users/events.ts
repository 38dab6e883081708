import "server-only";
import { desc } from "drizzle-orm";
import { timeOrderedId } from "@invite-kit/better-auth";
import type { Database } from "@/lib/db";
import { userEvent } from "@/lib/db/schema";

export type UserEventKind = (typeof userEvent.$inferSelect)["kind"];
export type UserEvent = typeof userEvent.$inferSelect;

export const userEventKinds: readonly UserEventKind[] = ["role-changed", "banned", "unbanned", "removed"];

/** Who someone was when the event happened: the row keeps it after their account is gone. */
export type PersonSnapshot = { id: string; email: string; name: string };

/** Appends one event. The table takes no UPDATE or DELETE (drizzle/0008_user_events.sql), so this is its only write. */
export async function recordUserEvent(
  db: Database,
  event: {
    kind: UserEventKind;
    subject: PersonSnapshot;
    actor: PersonSnapshot;
    fromRole?: string | null;
    toRole?: string | null;
    banReason?: string | null;
  },
): Promise<UserEvent> {
  const [row] = await db
    .insert(userEvent)
    .values({
      id: timeOrderedId(),
      kind: event.kind,
      subjectUserId: event.subject.id,
      subjectEmail: event.subject.email,
      subjectName: event.subject.name,
      actorUserId: event.actor.id,
      actorEmail: event.actor.email,
      actorName: event.actor.name,
      fromRole: event.fromRole ?? null,
      toRole: event.toRole ?? null,
      banReason: event.banReason ?? null,
    })
    .returning();
  if (!row) throw new Error("user_event insert returned no row");
  return row;
}

/** One page of account events, newest first (ids are time-ordered); one row more than asked says whether more follow. */
export async function listUserEvents(db: Database, options: { limit: number; offset: number }) {
  const rows = await db
    .select()
    .from(userEvent)
    .orderBy(desc(userEvent.id))
    .limit(options.limit + 1)
    .offset(options.offset);
  return { events: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
}
