import { type DBAdapter, type DBTransactionAdapter, getCurrentAdapter } from "better-auth";
import { APIError } from "better-auth/api";
import { INVITE_ERROR_CODES } from "./error-codes";
import { isUsable } from "./lifecycle";
import { hashToken } from "./token";
import type { Invitation, InviteUse } from "./types";

type Adapter = DBAdapter | DBTransactionAdapter;

export async function findInviteByToken(adapter: Adapter, token: string): Promise<Invitation | null> {
  if (token.length === 0 || token.length > 512) return null;
  const invitation = await adapter.findOne<Invitation>({ model: "invite", where: [{ field: "tokenHash", value: await hashToken(token) }] });
  // Codes are short enough to guess: one that can no longer be used answers like one never issued,
  // so guessing learns nothing about past invitations. Long link tokens keep their states, which
  // tell the person who was sent one what happened to it.
  if (invitation?.tokenType === "code" && !isUsable(invitation)) return null;
  return invitation;
}

/**
 * Why a token found no invitation. A link token a resend replaced says so (410 INVITE_LINK_REPLACED): its holder was
 * sent it, and blaming their copying would be wrong. Anything else, a replaced code included, is INVALID_TOKEN: codes
 * are short enough to guess, and a guess must learn nothing about past invitations (as in findInviteByToken).
 */
export async function inviteNotFound(adapter: Adapter, token: string): Promise<APIError> {
  if (token.length > 0 && token.length <= 512) {
    const replaced = await adapter.findOne<Invitation>({
      model: "invite",
      where: [{ field: "previousTokenHash", value: await hashToken(token) }],
    });
    if (replaced && replaced.tokenType !== "code") return APIError.from("GONE", INVITE_ERROR_CODES.INVITE_LINK_REPLACED);
  }
  return APIError.from("NOT_FOUND", INVITE_ERROR_CODES.INVALID_TOKEN);
}

export async function findInviteById(adapter: Adapter, id: string): Promise<Invitation | null> {
  return adapter.findOne<Invitation>({ model: "invite", where: [{ field: "id", value: id }] });
}

export async function findUse(adapter: Adapter, inviteId: string, userId: string): Promise<InviteUse | null> {
  return adapter.findOne<InviteUse>({
    model: "inviteUse",
    where: [
      { field: "inviteId", value: inviteId },
      { field: "usedByUserId", value: userId },
    ],
  });
}

/** A unique-constraint violation, as PostgreSQL (23505), SQLite and MySQL report it, through any wrapper. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "ER_DUP_ENTRY") return true;
    if (typeof message === "string" && /duplicate key|unique constraint/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The adapter of the transaction this call runs in, if any. Better Auth runs
 * sign-up (and its user-create hooks) inside a transaction: reading through
 * the outer adapter there would wait on a connection the transaction holds,
 * which on a one-connection database like PGlite never comes.
 */
export async function currentAdapter(ctx: { context: { adapter: DBAdapter } }): Promise<Adapter> {
  return getCurrentAdapter(ctx.context.adapter);
}

/** Runs `work` in a transaction: the current one when there is one, else a new one. */
export async function inTransaction<T>(ctx: { context: { adapter: DBAdapter } }, work: (trx: Adapter) => Promise<T>): Promise<T> {
  const current = await getCurrentAdapter(ctx.context.adapter);
  if (current !== ctx.context.adapter) return work(current);
  return ctx.context.adapter.transaction(work);
}
