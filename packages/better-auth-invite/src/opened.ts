// The `opened` event: the first time an invitation's emailed link was followed, written once per invitation.
import type { GenericEndpointContext } from "./context";
import { recordEvent } from "./events";
import { findInviteByToken, inTransaction } from "./store";
import type { Invitation, InviteEvent } from "./types";

type Adapter = GenericEndpointContext["context"]["adapter"];

const openedEventOf = (adapter: Pick<Adapter, "findOne">, inviteId: string) =>
  adapter.findOne<InviteEvent>({
    model: "inviteEvent",
    where: [
      { field: "inviteId", value: inviteId },
      { field: "type", value: "opened" },
    ],
  });

/**
 * Records that the link of `token` was followed, unless an earlier open was recorded. An unknown token records
 * nothing. Never spends a use and never changes the invitation: an email scanner that follows links counts as an
 * open, and must not be able to do more than that.
 *
 * The event table has no unique index that could say "one `opened` per invitation", and adding one would need a
 * migration of every app's database. So the first open serialises on the invitation's row instead: an increment of
 * `useCount` by 0 takes the row's write lock and changes nothing, and a second open that raced the first waits on it,
 * then reads the event the first one committed (PostgreSQL's read committed reads the newest commit in each
 * statement; MySQL's repeatable read makes its snapshot at the first plain read, which comes after the lock; SQLite
 * and PGlite run one transaction at a time). Only the first opens pay for the transaction: later ones find the event
 * in one read and stop.
 */
export async function recordFirstOpen(ctx: GenericEndpointContext, token: string): Promise<InviteEvent | null> {
  const adapter = ctx.context.adapter;
  const invitation = await findInviteByToken(adapter, token);
  if (!invitation || (await openedEventOf(adapter, invitation.id))) return null;
  return inTransaction(ctx, async (trx) => {
    const locked = await trx.incrementOne<Invitation>({
      model: "invite",
      where: [{ field: "id", value: invitation.id }],
      increment: { useCount: 0 },
    });
    if (!locked || (await openedEventOf(trx, invitation.id))) return null;
    return recordEvent(trx, { inviteId: invitation.id, type: "opened", actor: null });
  });
}
