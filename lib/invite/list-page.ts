// One page of invitations with their creators and their uses' people, in as few statements as the adapter allows.
import type { Where } from "better-auth";
import type { GenericEndpointContext } from "./context";
import type { Invitation, InviteUse } from "./types";

/** The uses a list shows per invitation; `useCount` has the exact number. Bounds the answer for a link used by thousands. */
export const USES_LISTED_PER_INVITE = 10;
/** Without joins, a page's uses come in one flat read: this bounds it (earliest uses first). */
const FLAT_USES_LIMIT = 1_000;

export type Person = { id: string; name: string; email: string };
export type ListedInvitation = { invitation: Invitation; createdBy: Person | null; uses: (InviteUse & { user: Person | null })[] };

type PageQuery = { where: Where[]; limit: number; offset: number };
type Adapter = GenericEndpointContext["context"]["adapter"];

/**
 * Reads `limit + 1` invitations newest first (ids are time-ordered and unique, so pages split the matches exactly):
 * the extra row only says whether there is a next page, which costs nothing, where an exact total is a count over
 * every match.
 *
 * With Better Auth's `advanced.database.joins`, the page comes with its creators and uses in one statement, and the
 * uses' people in a second when the page has uses. Without joins Better Auth would read each row's relations with
 * a query of its own, so the page, its uses and its people are three batched reads instead: still the same number
 * whatever the page size.
 */
export async function readInvitationPage(ctx: GenericEndpointContext, query: PageQuery): Promise<{ rows: ListedInvitation[]; hasMore: boolean }> {
  const adapter = ctx.context.adapter;
  const joins = ctx.context.options.advanced?.database?.joins === true;
  const page = { model: "invite", where: query.where, limit: query.limit + 1, offset: query.offset, sortBy: { field: "id", direction: "desc" as const } };

  let rows: { invitation: Invitation; createdBy: Person | null; uses: InviteUse[] }[];
  let people: Map<string, Person>;
  if (joins) {
    type Joined = Invitation & { user: Person | null; inviteUse: InviteUse[] };
    const invitations = await adapter.findMany<Joined>({ ...page, join: { user: true, inviteUse: { limit: USES_LISTED_PER_INVITE } } });
    rows = invitations.map(({ user, inviteUse, ...invitation }) => ({ invitation, createdBy: user ? personOf(user) : null, uses: inviteUse }));
    people = await peopleById(adapter, rows.flatMap((row) => row.uses.map((use) => use.usedByUserId)));
  } else {
    const invitations = await adapter.findMany<Invitation>(page);
    const uses = await usesOf(adapter, invitations);
    rows = invitations.map((invitation) => ({ invitation, createdBy: null, uses: uses.get(invitation.id) ?? [] }));
    people = await peopleById(adapter, [...invitations.map((invitation) => invitation.createdByUserId), ...[...uses.values()].flat().map((use) => use.usedByUserId)]);
    for (const row of rows) row.createdBy = people.get(row.invitation.createdByUserId) ?? null;
  }

  return {
    hasMore: rows.length > query.limit,
    rows: rows.slice(0, query.limit).map((row) => ({
      ...row,
      uses: [...row.uses]
        .sort((a, b) => new Date(a.usedAt).getTime() - new Date(b.usedAt).getTime())
        .map((use) => ({ ...use, user: people.get(use.usedByUserId) ?? null })),
    })),
  };
}

async function usesOf(adapter: Adapter, invitations: Invitation[]): Promise<Map<string, InviteUse[]>> {
  const used = invitations.filter((invitation) => invitation.useCount > 0);
  const byInvite = new Map<string, InviteUse[]>();
  if (used.length === 0) return byInvite;
  const uses = await adapter.findMany<InviteUse>({
    model: "inviteUse",
    where: [{ field: "inviteId", operator: "in", value: used.map((invitation) => invitation.id) }],
    sortBy: { field: "usedAt", direction: "asc" },
    limit: FLAT_USES_LIMIT,
  });
  for (const use of uses) {
    const list = byInvite.get(use.inviteId) ?? [];
    if (list.length < USES_LISTED_PER_INVITE) list.push(use);
    byInvite.set(use.inviteId, list);
  }
  return byInvite;
}

async function peopleById(adapter: Adapter, ids: string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const people = await adapter.findMany<Person>({ model: "user", where: [{ field: "id", operator: "in", value: unique }], select: ["id", "name", "email"], limit: unique.length });
  return new Map(people.map((person) => [person.id, personOf(person)]));
}

function personOf(user: Person): Person {
  return { id: user.id, name: user.name, email: user.email };
}
