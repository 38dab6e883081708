// One page of invitations with their uses, in as few statements as the adapter allows.
import type { Where } from "better-auth";
import type { GenericEndpointContext } from "./context";
import type { Invitation, InviteUse } from "./types";

/** The uses a list shows per invitation; `useCount` has the exact number. Bounds the answer for a link used by thousands. */
export const USES_LISTED_PER_INVITE = 10;

/** Someone as the audit recorded them, at the time: true after their account changes or is deleted. */
export type Person = { id: string; name: string; email: string };
export type ListedInvitation = { invitation: Invitation; createdBy: Person; uses: (InviteUse & { user: Person })[] };

/** `where` as lifecycle.ts's guards give it, its OR conditions first. */
type PageQuery = { where: Where[]; limit: number; offset: number; sortBy?: { field: "id" | "expiresAt"; direction: "asc" | "desc" } };
type Adapter = GenericEndpointContext["context"]["adapter"];

/**
 * Reads `limit + 1` invitations, newest first unless `sortBy` says otherwise (ids are time-ordered and unique, so pages split the matches exactly):
 * the extra row only says whether there is a next page, which costs nothing, where an exact total is a count over
 * every match. People come from the snapshots the rows keep, so no user is read.
 *
 * With Better Auth's `advanced.database.joins`, the page comes with its uses in one statement. Without joins Better
 * Auth would read each row's uses with a query of its own, so the page and its uses are two batched reads instead:
 * still the same number whatever the page size. An invitation used more than `USES_LISTED_PER_INVITE` times adds a
 * read of its own, ordered, since a join's limit keeps some uses but not the earliest.
 */
export async function readInvitationPage(
  ctx: GenericEndpointContext,
  query: PageQuery,
): Promise<{ rows: ListedInvitation[]; hasMore: boolean }> {
  const adapter = ctx.context.adapter;
  const joins = ctx.context.options.advanced?.database?.joins === true;
  const page = {
    model: "invite",
    where: query.where,
    limit: query.limit + 1,
    offset: query.offset,
    sortBy: query.sortBy ?? { field: "id", direction: "desc" as const },
  };

  let rows: { invitation: Invitation; uses: InviteUse[] }[];
  if (joins) {
    const invitations = await adapter.findMany<Invitation & { inviteUse: InviteUse[] }>({
      ...page,
      join: { inviteUse: { limit: USES_LISTED_PER_INVITE } },
    });
    // A join has a limit but no order: past the limit it returns some uses, not the earliest (on PostgreSQL, those
    // first in the (inviteId, usedByUserId) index). Only those invitations pay for an ordered read of their own.
    const cut = invitations.filter((invitation) => invitation.useCount > USES_LISTED_PER_INVITE);
    const earliest = await usesOf(adapter, cut);
    rows = invitations.map(({ inviteUse, ...invitation }) => ({ invitation, uses: earliest.get(invitation.id) ?? inviteUse }));
  } else {
    const invitations = await adapter.findMany<Invitation>(page);
    const uses = await usesOf(adapter, invitations);
    rows = invitations.map((invitation) => ({ invitation, uses: uses.get(invitation.id) ?? [] }));
  }

  return {
    hasMore: rows.length > query.limit,
    rows: rows.slice(0, query.limit).map(({ invitation, uses }) => ({
      invitation,
      createdBy: { id: invitation.createdByUserId, name: invitation.createdByName, email: invitation.createdByEmail },
      uses: [...uses]
        .sort((a, b) => new Date(a.usedAt).getTime() - new Date(b.usedAt).getTime())
        .map((use) => ({ ...use, user: { id: use.usedByUserId, name: use.usedByName, email: use.usedByEmail } })),
    })),
  };
}

/**
 * The earliest uses of each invitation, at most `USES_LISTED_PER_INVITE` each. The invitations used that often or less
 * share one read, bounded by their number; one used more has a read of its own, or a busy link would crowd the others
 * out of a shared limit.
 */
async function usesOf(adapter: Adapter, invitations: Invitation[]): Promise<Map<string, InviteUse[]>> {
  const few = invitations.filter((invitation) => invitation.useCount > 0 && invitation.useCount <= USES_LISTED_PER_INVITE);
  const many = invitations.filter((invitation) => invitation.useCount > USES_LISTED_PER_INVITE);
  const read = (ids: string[], limit: number) =>
    adapter.findMany<InviteUse>({
      model: "inviteUse",
      where: [{ field: "inviteId", operator: "in", value: ids }],
      sortBy: { field: "usedAt", direction: "asc" },
      limit,
    });
  const reads = many.map((invitation) => read([invitation.id], USES_LISTED_PER_INVITE));
  if (few.length > 0)
    reads.push(
      read(
        few.map((invitation) => invitation.id),
        few.length * USES_LISTED_PER_INVITE,
      ),
    );

  const byInvite = new Map<string, InviteUse[]>();
  for (const use of (await Promise.all(reads)).flat()) {
    const list = byInvite.get(use.inviteId) ?? [];
    if (list.length < USES_LISTED_PER_INVITE) list.push(use);
    byInvite.set(use.inviteId, list);
  }
  return byInvite;
}
