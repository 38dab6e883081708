import type { GenericEndpointContext } from "./context";
import { APIError } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import type { DBAdapter, DBTransactionAdapter } from "better-auth";
import { runAfterHook } from "./after-hook";
import { creatorStillMayGrant, lostAuthorityError } from "./authority";
import { assertDomainAllowed } from "./domains";
import { INVITE_ERROR_CODES } from "./error-codes";
import { recordEvent } from "./events";
import type { ResolvedInviteOptions } from "./options";
import { isAllowed } from "./permission";
import { adminOptionsOf, hierarchyOf, roleAfterGrant, roleExists, wouldLower } from "./roles";
import { assertUsable, usableNow } from "./lifecycle";
import { currentAdapter, findInviteByToken, inTransaction, inviteNotFound, isUniqueViolation, normalizeEmail } from "./store";
import { hashToken } from "./token";
import type { Invitation, InviteUse, InviteUser } from "./types";
import { NO_REMINDER } from "./reminders";

export type AcceptResult = {
  role: string;
  previousRole: string | null;
  redirectTo: string;
  invitation: Invitation;
  use: InviteUse;
};

/** The session whose user accepts: the caller's, or the one a sign-in just created. */
export type AcceptingSession = Parameters<typeof setSessionCookie>[1] & { user: InviteUser };

/**
 * Spends one use of an invitation and grants its role, or throws the error
 * that says why not. The use, its audit row and the role change commit
 * together or not at all. The use is taken by one UPDATE whose guard
 * (pending, unexpired, uses left) the database evaluates itself, so
 * concurrent accepts can never spend more than `maxUses`.
 *
 * Read first, claim last: the invitation and its creator (whose authority it
 * carries, read as it is now) are read and checked without a lock; then
 * BEGIN, the use, its event, the role, the guarded claim, COMMIT. The claim's
 * row lock is all that accepts of one invitation wait on, and it is held only
 * from the claim to COMMIT; a claim that finds the invitation spent rolls
 * back what was written before it. Where the database would deadlock on that
 * order (`claimsLast`), the claim comes first and also finds the invitation,
 * and the checks run on the claimed row unless a `canAcceptInvite` or
 * `canCreateInvite` function or a `beforeAcceptInvite` hook (code that may
 * query the database, and must not wait on our lock), or a transaction that
 * is not ours, needs them before.
 */
export async function acceptInvitation(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  token: string,
  session: AcceptingSession,
): Promise<AcceptResult> {
  const adapter = await currentAdapter(ctx);
  const user = session.user;
  if (token.length === 0 || token.length > 512) throw APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);

  let checked: Invitation | null = null;
  let changes: Record<string, unknown> = {};
  // The role a beforeAcceptInvite hook chose instead of the invitation's; null for the invitation's own.
  let chosenRole: string | null = null;
  // Inside a caller's transaction a refusal would not undo our claim, so there too the checks come first.
  const joinsOuterTransaction = adapter !== ctx.context.adapter;
  const runsCallbacks = typeof options.canAcceptInvite === "function" || typeof options.canCreateInvite === "function";
  const claimLast = claimsLast(adapter);
  if (claimLast || runsCallbacks || options.inviteHooks?.beforeAcceptInvite || joinsOuterTransaction) {
    checked = await findInviteByToken(adapter, token);
    if (!checked) throw await inviteNotFound(adapter, token);
    assertUsable(checked);
    await assertMayAccept(ctx, options, checked, user, adapter).catch((error: unknown) => refuseLostAuthority(adapter, error, user));
    const returned = (await options.inviteHooks?.beforeAcceptInvite?.({ invitation: checked, invitedUser: user, ctx }))?.user;
    ({ changes, role: chosenRole } = changesTo(user, returned));
    if (chosenRole !== null && chosenRole !== checked.role) {
      await assertRoleMayBeGranted(ctx, options, { ...checked, role: chosenRole }, user, adapter).catch((error: unknown) =>
        refuseLostAuthority(adapter, error, user),
      );
    }
  }
  const previousRole = user.role ?? null;
  const now = new Date();
  const tokenHash = await hashToken(token);

  /** The guarded claim: one use, if the invitation is still pending, unexpired and has one left. */
  const claim = (trx: DBTransactionAdapter) =>
    trx.incrementOne<Invitation>({
      model: "invite",
      // By the token, not the id read before: a link a resend replaced meanwhile claims nothing.
      where: usableNow(now, { field: "tokenHash", value: tokenHash }),
      increment: { useCount: 1, usesLeft: -1 },
      // Only a private invitation holds its address or a reminder, and it has a single use: this claim ends both.
      set: { activeEmail: null, ...NO_REMINDER },
    });

  /** The use, its event and the role: what the claim pays for, committed with it. */
  const record = async (trx: DBTransactionAdapter, invitation: Invitation) => {
    const newRole = chosenRole ?? invitation.role;
    const use = await trx.create<Omit<InviteUse, "id">, InviteUse>({
      model: "inviteUse",
      data: {
        inviteId: invitation.id,
        usedByUserId: user.id,
        usedByName: user.name,
        usedByEmail: user.email,
        usedAt: now,
        previousRole,
        newRole,
        metadata: invitation.metadata ?? null,
      },
    });
    await recordEvent(trx, { inviteId: invitation.id, type: "accepted", actor: user, at: now, details: { previousRole, newRole } });
    const admin = adminOptionsOf(ctx);
    const updatedUser = await trx.update<InviteUser>({
      model: "user",
      where: [{ field: "id", value: user.id }],
      update: { ...changes, role: roleAfterGrant(user, newRole, admin, hierarchyOf(options.roleHierarchy, admin)), updatedAt: now },
    });
    return { use, updatedUser };
  };

  const outcome = await inTransaction(ctx, async (trx) => {
    if (claimLast) {
      // The checks ran on the row read above; the claim comes last, so its row lock is held only until COMMIT.
      const written = await record(trx, checked!);
      const claimed = await claim(trx);
      // Thrown, the refusal rolls back what was written for it.
      if (!claimed) throw new ClaimRefused();
      return { claimed, ...written };
    }
    const claimed = await claim(trx);
    if (!claimed) return null;
    // Thrown here, a refusal rolls the claim back with the transaction.
    if (!checked) await assertMayAccept(ctx, options, claimed, user, trx);
    return { claimed, ...(await record(trx, claimed)) };
  }).catch((error: unknown) => {
    if (error instanceof ClaimRefused) return null;
    // The (inviteId, usedByUserId) unique index: this person has already used this invitation.
    if (isUniqueViolation(error)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.INVITE_ALREADY_ACCEPTED);
    return refuseLostAuthority(adapter, error, user);
  });

  if (!outcome) {
    // The guard refused: say why, from the invitation as it is now.
    const current = await findInviteByToken(adapter, token);
    if (!current) throw await inviteNotFound(adapter, token);
    assertUsable(current, now);
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);
  }
  const invitation = outcome.claimed;
  const grantedRole = outcome.use.newRole;

  const invitedUser: InviteUser = { ...user, ...(outcome.updatedUser ?? {}) };
  // A cookie cache holds a copy of the user: refresh it so the new role shows at once.
  if (ctx.context.options.session?.cookieCache?.enabled) {
    await setSessionCookie(ctx, { session: session.session, user: invitedUser });
  }
  if (ctx.context.options.secondaryStorage) {
    // Secondary storage (Redis) keeps a copy of the user beside each of their sessions, which Better Auth
    // refreshes when a user is written through its internal adapter; the transaction above writes through
    // its own. Touching the user that way refreshes every copy, with the row as it is now (not our role:
    // a change made meanwhile must not be undone).
    try {
      await ctx.context.internalAdapter.updateUser(user.id, { updatedAt: new Date() });
    } catch (error) {
      ctx.context.logger.error("The invitation was accepted, but the user's cached sessions were not refreshed", error);
    }
  }
  await runAfterHook(ctx, "afterAcceptInvite", () =>
    options.inviteHooks?.afterAcceptInvite?.({ invitation, invitedUser, use: outcome.use, ctx }),
  );

  return {
    role: grantedRole,
    previousRole,
    redirectTo: invitation.redirectToAfterUpgrade ?? options.defaultRedirectAfterUpgrade,
    invitation,
    use: outcome.use,
  };
}

/** Thrown when a claim made last finds nothing to claim, so that what was written before it rolls back. */
class ClaimRefused extends Error {
  constructor() {
    super("The invitation was no longer usable when its use was claimed");
  }
}

/**
 * Whether the claim can come after the use's rows. It is written last where an insert that references the invitation
 * does not lock its row against the claim: PostgreSQL takes only a key-share lock for the foreign key, SQLite locks
 * the whole database for the writer. InnoDB (MySQL, MariaDB) takes a shared row lock there, and two accepts of one
 * invitation would each wait for the other to give it up (a deadlock): there, and on any database the adapter does
 * not name, the claim comes first.
 */
function claimsLast(adapter: Pick<DBAdapter, "id" | "options">): boolean {
  const options = adapter.options;
  if (adapter.id === "kysely") return options?.type === "postgres" || options?.type === "sqlite";
  if (adapter.id === "drizzle") return options?.provider === "pg" || options?.provider === "sqlite";
  if (adapter.id === "prisma") return options?.provider === "postgresql" || options?.provider === "sqlite";
  return false;
}

/** Thrown inside the claim's transaction so that it rolls back, then logged and answered outside it. */
class LostAuthority extends Error {
  constructor(readonly invitation: Invitation) {
    super("The invitation's creator can no longer grant its role");
  }
}

/** The refusal is an event of its own, written after the rollback (a refusal changes nothing else). */
async function refuseLostAuthority(adapter: DBAdapter | DBTransactionAdapter, error: unknown, user: InviteUser): Promise<never> {
  if (!(error instanceof LostAuthority)) throw error;
  await recordEvent(adapter, {
    inviteId: error.invitation.id,
    type: "refused",
    actor: user,
    details: { action: "accept", code: INVITE_ERROR_CODES.INVITER_NOT_ALLOWED.code },
  });
  throw lostAuthorityError(error.invitation);
}

/**
 * Whether this user may take this invitation: its address or its domains, a verified account, the permission, no lower
 * role, and, last, the authority of its creator as they are now.
 */
async function assertMayAccept(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: Invitation,
  user: InviteUser,
  adapter: DBAdapter | DBTransactionAdapter,
) {
  if (invitation.email) {
    if (normalizeEmail(user.email) !== invitation.email) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_MISMATCH);
    // Without a verified address, anyone could sign up as the invitee's email and take the role (GHSA-fmh4-wcc4-5jm3).
    if (!user.emailVerified) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_NOT_VERIFIED);
  }
  assertDomainAllowed(invitation, user, "accept");
  const admin = adminOptionsOf(ctx);
  const allowed = await isAllowed(options.canAcceptInvite, { invitedUser: user, invitation, ctx }, user, admin, () => true);
  if (!allowed) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.CANT_ACCEPT_INVITE);
  await assertRoleMayBeGranted(ctx, options, invitation, user, adapter);
}

/** The role an invitation grants (its own, or the one its beforeAcceptInvite hook chose): it exists, lowers nothing, and its creator may grant it now. */
async function assertRoleMayBeGranted(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: Invitation,
  user: InviteUser,
  adapter: DBAdapter | DBTransactionAdapter,
) {
  const admin = adminOptionsOf(ctx);
  if (!roleExists(admin, invitation.role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
  if (wouldLower(user, admin, hierarchyOf(options.roleHierarchy, admin), invitation.role)) {
    throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ROLE_WOULD_BE_LOWERED);
  }
  if (!(await creatorStillMayGrant(ctx, options, invitation, adapter))) throw new LostAuthority(invitation);
}

/**
 * What a beforeAcceptInvite hook changed: the fields whose values differ from the user's (the seed example
 * returns `{ ...invitedUser, role }`, the whole user, and only the role is meant), and the role it chose, if any.
 * The id is never written; a role equal to the user's own changes nothing.
 */
function changesTo(
  user: InviteUser,
  returned: Record<string, unknown> | undefined,
): { changes: Record<string, unknown>; role: string | null } {
  const changes: Record<string, unknown> = {};
  let role: string | null = null;
  const before = new Map<string, unknown>(Object.entries(user));
  for (const [field, value] of Object.entries(returned ?? {})) {
    const current = before.get(field);
    if (field === "id" || sameValue(value, current)) continue;
    if (field === "role") {
      if (typeof value !== "string" || value.trim() === "") throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
      role = value.trim();
    } else {
      changes[field] = value;
    }
  }
  return { changes, role };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
