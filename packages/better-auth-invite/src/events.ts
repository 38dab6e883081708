// The append-only event log: every change to an invitation writes one row, in the transaction of the change.
import type { DBAdapter, DBTransactionAdapter } from "better-auth";
import { timeOrderedId } from "./token";
import type { InviteEvent, InviteEventType, InviteUser } from "./types";

type Adapter = DBAdapter | DBTransactionAdapter;

/** Who acted, as they were at that moment: the snapshot stays true after their account changes or goes. */
export type Actor = Pick<InviteUser, "id" | "name" | "email"> | null;

export async function recordEvent(
  adapter: Adapter,
  event: { inviteId: string; type: InviteEventType; actor: Actor; details?: Record<string, unknown>; at?: Date },
): Promise<InviteEvent> {
  const at = event.at ?? new Date();
  // Our own id (time-ordered, see timeOrderedId): Better Auth's create types omit it, hence the variable.
  const row: InviteEvent = {
    id: timeOrderedId(at.getTime()),
    inviteId: event.inviteId,
    type: event.type,
    actorUserId: event.actor?.id ?? null,
    actorName: event.actor?.name ?? null,
    actorEmail: event.actor?.email ?? null,
    at,
    details: event.details ?? null,
  };
  return adapter.create<Omit<InviteEvent, "id">, InviteEvent>({ model: "inviteEvent", data: row, forceAllowId: true });
}
