// The invitation's lifecycle: every state it can be in, each decided twice, side by side: as the `where` the database
// evaluates (a guarded write, a filter) and as the check on a row already read (its status, the error a refusal answers).
// The two must agree: the guarded UPDATE is what lets only one of two racing requests win, and the check on the row
// read back is what tells the loser why. test/lifecycle.test.ts runs both on every database and compares them.
import type { Where } from "better-auth";
import { APIError } from "better-auth/api";
import { INVITE_ERROR_CODES, type InviteError } from "./error-codes";
import type { Invitation, InviteDisplayStatus, InviteStatus } from "./types";

/** What the rules read of a row. */
type LifecycleRow = Pick<Invitation, "status" | "expiresAt" | "maxUses" | "useCount">;

/*
 * Order matters in a `where`: every guard below lists its OR conditions first, and takes the caller's own conditions
 * (an id, a token hash, a creator) to put after them, so that no caller orders a `where` itself. The SQL adapters
 * (Kysely, Drizzle, Prisma) gather the AND and the OR conditions of a `where` into two groups whatever their order;
 * Better Auth's memory adapter folds them left to right, so `id = ? AND status = pending OR usesLeft > 0 OR maxUses IS
 * NULL` matched there every invitation with a use left, and its `update` changes every row that matches: one cancel
 * canceled them all, and an accept claimed the first open invitation of the table, whatever its token. With the OR
 * conditions first, the fold is `((a OR b) AND c) AND d`, which is what the SQL adapters run. A `where` holds one OR
 * group at most, so no guard has two.
 */

/** Counts down from `maxUses` with each use; `null`, like `maxUses`, when unlimited. */
export function usesLeft(invitation: Pick<Invitation, "maxUses" | "useCount">): number | null {
  return invitation.maxUses === null ? null : Math.max(0, invitation.maxUses - invitation.useCount);
}

// The three facts every state is made of, in both languages. The `usesLeft` column is `maxUses - useCount`, kept so
// that accept can claim a use in one guarded UPDATE by token hash; the row in hand reads the counts themselves.
const A_USE_LEFT: Where[] = [
  { field: "usesLeft", operator: "gt", value: 0, connector: "OR" },
  { field: "maxUses", value: null, connector: "OR" },
];
const NONE_LEFT: Where = { field: "usesLeft", value: 0 };
const hasAUseLeft = (row: LifecycleRow) => usesLeft(row) !== 0;

const STORED_PENDING: Where = { field: "status", value: "pending" };
const isStoredPending = (row: LifecycleRow) => row.status === "pending";

// Expired from `expiresAt` on, that instant included, in the database as in the check.
const notExpiredAt = (now: Date): Where => ({ field: "expiresAt", operator: "gt", value: now });
const expiredAt = (now: Date): Where => ({ field: "expiresAt", operator: "lte", value: now });
const isExpiredAt = (row: LifecycleRow, now: Date) => new Date(row.expiresAt).getTime() <= now.getTime();

type Refusal = { status: "GONE" | "CONFLICT"; error: InviteError };
const REFUSED = {
  canceled: { status: "GONE", error: INVITE_ERROR_CODES.INVITE_CANCELED },
  declined: { status: "GONE", error: { ...INVITE_ERROR_CODES.INVITE_CANCELED, message: "This invitation was declined." } },
  noUseLeft: { status: "CONFLICT", error: INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE },
  expired: { status: "GONE", error: INVITE_ERROR_CODES.INVITE_EXPIRED },
} satisfies Record<string, Refusal>;

type State = {
  /** The rows in this state, as the database finds them (the list's filter). */
  where(now: Date): Where[];
  /** Whether a row in hand is in this state. */
  holds(row: LifecycleRow, now: Date): boolean;
  /** Why accept, activate, decline and an invite-only sign-up refuse a row in this state; null: they may go on. */
  refusesUse: Refusal | null;
  /** Why cancel and resend refuse it; null: they may go on. */
  refusesManage: Refusal | null;
};

/**
 * Every state, as `displayStatus` names it. Only `pending`, `canceled` and `rejected` are written: `used` is derived
 * from the uses left and `expired` from the clock, so taking the last use is the claim's one UPDATE, and nothing has
 * to run when an invitation expires. Each row is in exactly one state.
 */
const STATES = {
  // Usable now: the one state accept may claim.
  pending: {
    where: (now) => [...A_USE_LEFT, STORED_PENDING, notExpiredAt(now)],
    holds: (row, now) => isStoredPending(row) && hasAUseLeft(row) && !isExpiredAt(row, now),
    refusesUse: null,
    refusesManage: null,
  },
  // Its last use taken. Rows written by earlier versions may store "used": in hand they read as used, but the list's
  // filter, like every guard, looks at pending rows only (Invite Kit's own migration set those rows back to pending).
  used: {
    where: () => [STORED_PENDING, NONE_LEFT],
    holds: (row) => row.status === "used" || (isStoredPending(row) && !hasAUseLeft(row)),
    refusesUse: REFUSED.noUseLeft,
    refusesManage: REFUSED.noUseLeft,
  },
  // Past its expiry with a use left. Nothing ended it, so it may still be canceled, or resent with a new expiry.
  expired: {
    where: (now) => [...A_USE_LEFT, STORED_PENDING, expiredAt(now)],
    holds: (row, now) => isStoredPending(row) && hasAUseLeft(row) && isExpiredAt(row, now),
    refusesUse: REFUSED.expired,
    refusesManage: null,
  },
  canceled: {
    where: () => [{ field: "status", value: "canceled" }],
    holds: (row) => row.status === "canceled",
    refusesUse: REFUSED.canceled,
    refusesManage: REFUSED.canceled,
  },
  // Declined by its invitee: refused like a canceled one. Its holder is told it was declined; cancel and resend answer
  // with the code's own sentence.
  rejected: {
    where: () => [{ field: "status", value: "rejected" }],
    holds: (row) => row.status === "rejected",
    refusesUse: REFUSED.declined,
    refusesManage: REFUSED.canceled,
  },
} satisfies Record<InviteDisplayStatus, State>;

const STATE_NAMES = ["pending", "used", "expired", "canceled", "rejected"] as const satisfies readonly InviteDisplayStatus[];

/** The status a reader sees: `used` (no use left) and `expired` are derived from the counts and the clock. */
export function displayStatus(invitation: LifecycleRow, now = new Date()): InviteDisplayStatus {
  // Every status is one of the states; the fallback only names a status this version does not know.
  return STATE_NAMES.find((name) => STATES[name].holds(invitation, now)) ?? invitation.status;
}

/** The `status` a response carries: as stored, but `used` once no use is left (the table no longer stores it). */
export function reportedStatus(invitation: LifecycleRow): InviteStatus {
  return STATES.used.holds(invitation) ? "used" : invitation.status;
}

/** A guard with the caller's conditions after it, each of them required (see above for why the order matters). */
function guarded(guard: Where[], and: Where[]): Where[] {
  return [...guard, ...and.map((condition): Where => ({ ...condition, connector: "AND" }))];
}

/** The invitations in one state that meet `and` (the list's `status` filter). */
export function inState(status: InviteDisplayStatus, now: Date, ...and: Where[]): Where[] {
  return guarded(STATES[status].where(now), and);
}

// What may be done to an invitation, each as a guard (the `where` of the write) and the check that goes with it: the
// check answers for a row read before the write, and, with the same `now`, for the row read after the guard refused it.

/** Usable now (pending): the guard of the UPDATE that claims a use, and of the invitations a deleted user's cancel finds. */
export function usableNow(now: Date, ...and: Where[]): Where[] {
  return guarded(STATES.pending.where(now), and);
}

/** Usable no longer: every state but pending, as one OR group (what releases a private invitation's address). */
export function usableNoLonger(now: Date, ...and: Where[]): Where[] {
  const ended: Where[] = [
    { ...expiredAt(now), connector: "OR" },
    { field: "status", operator: "ne", value: "pending", connector: "OR" },
    { ...NONE_LEFT, connector: "OR" },
  ];
  return guarded(ended, and);
}

/**
 * Still open: pending or expired, nothing ended it. The guard of cancel, resend and decline, so that one landing after
 * the last accept changes nothing ("used" is derived, so `status = pending` alone would let it through). Decline checks
 * `assertUsable` first (an expired invitation is not declined); its guard needs only what a racing write can change.
 */
export function stillOpen(...and: Where[]): Where[] {
  return guarded([...A_USE_LEFT, STORED_PENDING], and);
}

function refusalToUse(invitation: LifecycleRow, now: Date): Refusal | null {
  return STATES[displayStatus(invitation, now)].refusesUse;
}

export function isUsable(invitation: LifecycleRow, now = new Date()): boolean {
  return refusalToUse(invitation, now) === null;
}

/** Throws the error that says why an invitation cannot be used now, if it cannot. */
export function assertUsable(invitation: LifecycleRow, now = new Date()): void {
  const refusal = refusalToUse(invitation, now);
  if (refusal) throw APIError.from(refusal.status, refusal.error);
}

/** Throws the error that says why an invitation cannot be canceled or resent, if it cannot (an expired one can). */
export function assertStillOpen(invitation: LifecycleRow, now = new Date()): void {
  const refusal = STATES[displayStatus(invitation, now)].refusesManage;
  if (refusal) throw APIError.from(refusal.status, refusal.error);
}
