// The funnel of the invitations created in a window: how many were sent, opened, accepted, and how the rest ended.
import type { Where } from "better-auth";
import type { GenericEndpointContext } from "./context";
import { displayStatus } from "./lifecycle";
import type { Invitation, InviteEvent } from "./types";

export type FunnelDay = { date: string; created: number; accepted: number };

export type InviteFunnel = {
  days: number;
  /** The window's first instant: midnight UTC, `days - 1` days before today. */
  since: Date;
  sent: number;
  opened: number;
  accepted: number;
  pending: number;
  expired: number;
  revoked: number;
  declined: number;
  /** `accepted / sent`, from 0 to 1; null when nothing was sent. */
  acceptanceRate: number | null;
  /** One entry per UTC day of the window, oldest first: invitations created that day, and first accepted that day. */
  series: FunnelDay[];
};

/** Rows read per statement: a window of many invitations is read in pages of this size, never all at once. */
const PAGE = 1000;
/** Invitation ids per `in` list when reading their events: well under every database's limit on bound parameters. */
const IDS_PER_READ = 500;
const DAY_MS = 86_400_000;

type Adapter = GenericEndpointContext["context"]["adapter"];
type FunnelRow = Pick<Invitation, "id" | "createdAt" | "expiresAt" | "status" | "maxUses" | "useCount">;
type FunnelEvent = Pick<InviteEvent, "id" | "inviteId" | "type" | "at">;

const dayOf = (date: Date | string) => new Date(date).toISOString().slice(0, 10);

/**
 * Every row matching `where`, read `PAGE` at a time after the last id seen (ids are unique and time-ordered, so a
 * keyset page neither skips nor repeats a row while others are written), with only the fields the funnel reads.
 */
async function readAll<T extends { id: string }>(adapter: Adapter, model: string, where: Where[], select: (keyof T & string)[]) {
  const rows: T[] = [];
  for (let after: string | null = null; ;) {
    const page: T[] = await adapter.findMany<T>({
      model,
      where: after === null ? where : [...where, { field: "id", operator: "gt", value: after }],
      select,
      limit: PAGE,
      sortBy: { field: "id", direction: "asc" },
    });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = page[page.length - 1]?.id ?? null;
  }
}

/**
 * Counts the invitations created from the start of the UTC day `days - 1` days ago, by `createdByUserId` when given
 * (an inviter who sees only their own), from the rows and the event log, through the adapter alone: it works on
 * every database Better Auth supports. The states (pending, expired, revoked, declined, used) are exclusive;
 * `accepted` counts those with at least one use, so a multi-use invitation still pending can be both.
 */
export async function readFunnel(
  adapter: Adapter,
  { days, createdByUserId, now = new Date() }: { days: number; createdByUserId?: string; now?: Date },
): Promise<InviteFunnel> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS);
  const where: Where[] = [
    { field: "createdAt", operator: "gte", value: since },
    ...(createdByUserId ? [{ field: "createdByUserId", value: createdByUserId }] : []),
  ];
  const invitations = await readAll<FunnelRow>(adapter, "invite", where, ["id", "createdAt", "expiresAt", "status", "maxUses", "useCount"]);

  const firstAccepted = new Map<string, string>();
  const opened = new Set<string>();
  for (let start = 0; start < invitations.length; start += IDS_PER_READ) {
    const ids = invitations.slice(start, start + IDS_PER_READ).map((invitation) => invitation.id);
    const events = await readAll<FunnelEvent>(
      adapter,
      "inviteEvent",
      [
        { field: "inviteId", operator: "in", value: ids },
        { field: "type", operator: "in", value: ["opened", "accepted"] },
      ],
      ["id", "inviteId", "type", "at"],
    );
    // Read oldest first (time-ordered ids): the first accepted event of an invitation is its first use.
    for (const event of events) {
      if (event.type === "opened") opened.add(event.inviteId);
      else if (!firstAccepted.has(event.inviteId)) firstAccepted.set(event.inviteId, dayOf(event.at));
    }
  }

  const series: FunnelDay[] = Array.from({ length: days }, (_, index) => ({
    date: dayOf(new Date(since.getTime() + index * DAY_MS)),
    created: 0,
    accepted: 0,
  }));
  const byDate = new Map(series.map((day) => [day.date, day]));
  const states = { pending: 0, expired: 0, canceled: 0, rejected: 0, used: 0 };
  let accepted = 0;
  for (const invitation of invitations) {
    const created = byDate.get(dayOf(invitation.createdAt));
    if (created) created.created += 1;
    const state = displayStatus(invitation, now);
    if (state in states) states[state] += 1;
    if (invitation.useCount > 0) accepted += 1;
    const acceptedOn = firstAccepted.get(invitation.id);
    const acceptedDay = acceptedOn === undefined ? undefined : byDate.get(acceptedOn);
    if (acceptedDay) acceptedDay.accepted += 1;
  }

  const sent = invitations.length;
  return {
    days,
    since,
    sent,
    opened: opened.size,
    accepted,
    pending: states.pending,
    expired: states.expired,
    revoked: states.canceled,
    declined: states.rejected,
    acceptanceRate: sent === 0 ? null : accepted / sent,
    series,
  };
}
