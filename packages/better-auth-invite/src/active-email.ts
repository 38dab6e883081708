// One live invitation per address: `activeEmail` holds the address while an invitation may be used, under a unique index.
import type { DBAdapter, DBTransactionAdapter } from "better-auth";
import { usableNoLonger } from "./lifecycle";
import type { Invitation } from "./types";

type Adapter = DBAdapter | DBTransactionAdapter;

/**
 * Every change that ends an invitation (the last use, a cancel, a decline) clears `activeEmail` in the same write.
 * Expiry changes nothing in the row, so an expired invitation still holds its address until the next invitation
 * to it releases it here. Rows the other writes might have missed are released too.
 */
export async function releaseEndedInvitations(adapter: Adapter, email: string, now = new Date()): Promise<void> {
  await adapter.updateMany({
    model: "invite",
    where: usableNoLonger(now, { field: "activeEmail", value: email }),
    update: { activeEmail: null },
  });
}

/** The live invitation that holds this address, if any. */
export async function findLiveInvitationFor(adapter: Adapter, email: string): Promise<Invitation | null> {
  return adapter.findOne<Invitation>({ model: "invite", where: [{ field: "activeEmail", value: email }] });
}
