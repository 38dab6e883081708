// The start-up check: the database must hold the unique index on inviteUse (inviteId, usedByUserId).
import { type AuthContext, type BetterAuthOptions, BetterAuthError, type DBAdapter, getCurrentAdapter } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { INVITE_ERROR_CODES } from "./error-codes";
import { isUniqueViolation } from "./store";
import { timeOrderedId } from "./token";
import type { Invitation, InviteUse } from "./types";

/*
 * Accepting claims a use with one guarded UPDATE, so an invitation never gives more than `maxUses`; what stops one
 * person from taking several of those uses (two clicks at once, or one click after another: accept does not look for
 * an earlier use first) is the unique index on inviteUse (inviteId, usedByUserId) alone. Better Auth's CLI 1.4
 * (`npx @better-auth/cli generate`, the one that runs on Node 20) drops a schema's table-level `indexes`, so a
 * database built from its output lacks it, and nothing would say so. This check proves the index is there by
 * trying what it forbids, in a transaction that is always rolled back, before the first request is served.
 */

export const INVITE_USE_UNIQUE_INDEX = "invite_use_invite_user_unique";

type CheckedContext<Options extends BetterAuthOptions> = Pick<AuthContext<Options>, "adapter" | "logger" | "options" | "tables">;

/** The database lacks the index: every request is refused with this until it is added. */
export class MissingInviteUseIndexError extends BetterAuthError {
  readonly code = INVITE_ERROR_CODES.MISSING_INVITE_USE_UNIQUE_INDEX.code;
}

export type InviteSchemaCheck =
  | { outcome: "present"; milliseconds: number }
  | { outcome: "missing"; milliseconds: number; error: MissingInviteUseIndexError }
  | { outcome: "skipped"; reason: "memory-adapter" | "no-transactions" | "disabled"; message: string }
  // Inside a transaction of the caller's: a probe cannot be undone on its own there, so the next request checks.
  | { outcome: "deferred" };

// One verdict per adapter instance (one per auth instance), shared by the requests that arrive while it is pending.
const verdicts = new WeakMap<object, "passed" | Promise<void>>();

/**
 * The before hook that runs the check on the first request (server calls through `auth.api` included), as Better
 * Auth runs its own schema check: at construction the tables may not exist yet (`migrate` loads the same config).
 * A database that has the index costs one rolled-back transaction, once; one that lacks it is refused, request after
 * request, until the index is added (no restart needed).
 */
export function requireInviteUseIndex() {
  return {
    matcher: () => true,
    handler: createAuthMiddleware(async (ctx) => {
      try {
        await assertInviteSchema(ctx.context);
      } catch (error) {
        // Server code calling auth.api gets the whole error, fix included. A client gets a 503 with the code, not a
        // bare 500 and not the schema: the fix is in the server's log, for whoever runs it.
        if (!(error instanceof MissingInviteUseIndexError) || !ctx.request) throw error;
        ctx.context.logger.error(error.message);
        throw APIError.from("SERVICE_UNAVAILABLE", INVITE_ERROR_CODES.MISSING_INVITE_USE_UNIQUE_INDEX);
      }
    }),
  };
}

export function assertInviteSchema<Options extends BetterAuthOptions>(context: CheckedContext<Options>): Promise<void> | undefined {
  const known = verdicts.get(context.adapter);
  if (known === "passed") return undefined;
  if (known) return known;
  const pending = checkInviteSchema(context).then(
    (result) => {
      if (result.outcome === "missing") {
        verdicts.delete(context.adapter);
        throw result.error;
      }
      if (result.outcome === "deferred") {
        verdicts.delete(context.adapter);
        return;
      }
      if (result.outcome === "skipped") {
        if (result.reason === "disabled") context.logger.debug(result.message);
        else context.logger.warn(result.message);
      }
      verdicts.set(context.adapter, "passed");
    },
    (error: unknown) => {
      // The database could not be asked (unreachable, or a table Better Auth's own check reports): ask again next time.
      verdicts.delete(context.adapter);
      throw new BetterAuthError(`The invite plugin could not check its unique index on ${describeIndex(namesOf(context))}.`, {
        cause: error,
      });
    },
  );
  verdicts.set(context.adapter, pending);
  return pending;
}

/** Runs the probe and says what it found; throws only when the database could not be asked. */
export async function checkInviteSchema<Options extends BetterAuthOptions>(context: CheckedContext<Options>): Promise<InviteSchemaCheck> {
  const { adapter } = context;
  const names = namesOf(context);
  if (context.options.advanced?.database?.validateSchema === false) {
    return {
      outcome: "skipped",
      reason: "disabled",
      message: `The invite plugin did not check its unique index on ${describeIndex(names)}: schema validation is off (advanced.database.validateSchema).`,
    };
  }
  if (adapter.id === "memory") {
    // Decided: not refused. The memory adapter has no unique indexes at all (nothing to add), nor does it serialize
    // the use-count claim; it is Better Auth's adapter for development and tests, where refusing would only stop them.
    return {
      outcome: "skipped",
      reason: "memory-adapter",
      message:
        `The invite plugin did not check its unique index on ${describeIndex(names)}: Better Auth's memory adapter enforces no unique index, ` +
        "so one person can take several uses of an invitation, and concurrent accepts can exceed maxUses. Use it for development and tests only.",
    };
  }
  if (typeof adapter.options?.adapterConfig.transaction !== "function") {
    // Without a transaction the probe's rows would be committed and visible, and removing them afterwards is not
    // guaranteed (a crash in between), so nothing is written. Accepting is not safe there either: a refused accept
    // would keep the use it claimed. (Better Auth's adapter factory turns a missing `transaction` into `false`.)
    return {
      outcome: "skipped",
      reason: "no-transactions",
      message:
        `The invite plugin could not check its unique index on ${describeIndex(names)}: the ${adapter.id} adapter runs without transactions, ` +
        `so the check could not be undone and was not run. Accepting needs transactions too${adapter.id === "drizzle" ? " (pass `transaction: true` to drizzleAdapter)" : ""}. ` +
        `Make sure the index exists: ${fixFor(adapter, names)}`,
    };
  }
  if ((await getCurrentAdapter(adapter)) !== adapter) return { outcome: "deferred" };

  const started = performance.now();
  const held = await probe(adapter);
  const milliseconds = performance.now() - started;
  if (held) return { outcome: "present", milliseconds };
  const error = new MissingInviteUseIndexError(
    `The invite plugin refuses to run: the database has no unique index on ${describeIndex(names)}. ` +
      "Without it one person can accept the same invitation again and again, each time taking one of its uses. " +
      "Better Auth's CLI 1.4 (npx @better-auth/cli generate) leaves this index out of the schema it writes. " +
      `Add it: ${fixFor(adapter, names)}`,
  );
  return { outcome: "missing", milliseconds, error };
}

/** Thrown at the end of the probe so that its transaction always rolls back, carrying what it learned. */
class ProbeDone extends Error {
  constructor(readonly held: boolean) {
    super("invite schema probe done");
  }
}

/**
 * Two uses of one made-up invitation by one made-up person: the second must fail on a unique index. The rows differ
 * only in their generated id, so any unique index that refuses the second one covers columns both share, which is
 * what stops the double use. The invitation is canceled and already expired: even a reader that could see
 * uncommitted rows could not use it.
 */
async function probe<Options extends BetterAuthOptions>(adapter: DBAdapter<Options>): Promise<boolean> {
  try {
    await adapter.transaction(async (trx) => {
      const now = new Date();
      const person = `invite-schema-check-${timeOrderedId(now.getTime())}`;
      const invitation: Invitation = {
        id: timeOrderedId(now.getTime()),
        tokenHash: person,
        tokenType: "token",
        role: "invite-schema-check",
        email: null,
        activeEmail: null,
        createdByUserId: person,
        createdByName: "Invite schema check",
        createdByEmail: "invite-schema-check@invalid",
        createdAt: now,
        expiresAt: now,
        maxUses: 1,
        useCount: 0,
        usesLeft: 1,
        status: "canceled",
        redirectToAfterUpgrade: null,
        newAccount: false,
        metadata: null,
        message: null,
        allowedDomains: null,
        remindAt: null,
        sealedToken: null,
        previousTokenHash: null,
      };
      await trx.create<Omit<Invitation, "id">, Invitation>({ model: "invite", data: invitation, forceAllowId: true });
      const use: Omit<InviteUse, "id"> = {
        inviteId: invitation.id,
        usedByUserId: person,
        usedByName: "Invite schema check",
        usedByEmail: "invite-schema-check@invalid",
        usedAt: now,
        metadata: null,
        previousRole: null,
        newRole: "invite-schema-check",
      };
      await trx.create<Omit<InviteUse, "id">, InviteUse>({ model: "inviteUse", data: use });
      try {
        await trx.create<Omit<InviteUse, "id">, InviteUse>({ model: "inviteUse", data: use });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ProbeDone(true);
        throw error;
      }
      throw new ProbeDone(false);
    });
  } catch (error) {
    if (error instanceof ProbeDone) return error.held;
    throw error;
  }
  throw new Error("The invite schema probe's transaction committed, which it never should");
}

type IndexNames = { table: string; inviteId: string; usedByUserId: string };

/** The names the adapter uses: renamed by the plugin's `schema` option, pluralized by `usePlural`. */
function namesOf<Options extends BetterAuthOptions>(context: CheckedContext<Options>): IndexNames {
  const table = context.tables.inviteUse;
  const plural = context.adapter.options?.adapterConfig.usePlural === true;
  const modelName = table?.modelName ?? "inviteUse";
  return {
    table: plural ? `${modelName}s` : modelName,
    inviteId: table?.fields.inviteId?.fieldName ?? "inviteId",
    usedByUserId: table?.fields.usedByUserId?.fieldName ?? "usedByUserId",
  };
}

function describeIndex(names: IndexNames): string {
  return `${names.table} (${names.inviteId}, ${names.usedByUserId})`;
}

/** The change that adds the index, in the terms of the adapter the app uses. */
function fixFor<Options extends BetterAuthOptions>(adapter: DBAdapter<Options>, names: IndexNames): string {
  if (adapter.id === "drizzle") {
    return (
      `in your Drizzle schema, give the ${names.table} table the index ` +
      `(table) => [uniqueIndex("${INVITE_USE_UNIQUE_INDEX}").on(table.${names.inviteId}, table.${names.usedByUserId})], ` +
      "then generate and apply a migration (npx drizzle-kit generate, npx drizzle-kit migrate)."
    );
  }
  if (adapter.id === "prisma") {
    // The CLI types it @db.Text on MySQL, which an index can only cover up to a length.
    const usedBy = adapter.options?.provider === "mysql" ? `${names.usedByUserId}(length: 191)` : names.usedByUserId;
    return `in schema.prisma, add @@unique([${names.inviteId}, ${usedBy}], map: "${INVITE_USE_UNIQUE_INDEX}") to its model, then run prisma migrate dev.`;
  }
  if (adapter.id !== "kysely") return `create a unique index on ${describeIndex(names)}.`;
  const dialect: unknown = adapter.options?.type;
  const quote = dialect === "mysql" ? (name: string) => `\`${name}\`` : (name: string) => `"${name}"`;
  const columns = `${quote(names.inviteId)}, ${quote(names.usedByUserId)}`;
  return (
    `CREATE UNIQUE INDEX ${quote(INVITE_USE_UNIQUE_INDEX)} ON ${quote(names.table)} (${columns}); ` +
    `If that fails on duplicates, one person has already used an invitation twice: SELECT ${columns}, COUNT(*) FROM ${quote(names.table)} ` +
    `GROUP BY ${columns} HAVING COUNT(*) > 1;`
  );
}
