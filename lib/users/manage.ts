import "server-only";
import { eq } from "drizzle-orm";
import { APIError } from "better-auth/api";
import { getAuth } from "@/lib/auth/server";
import type { RoleName } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { user } from "@/lib/db/schema";
import type { ErrorCode } from "@/lib/errors/messages";
import { log } from "@/lib/log";
import { type PersonSnapshot, recordUserEvent, type UserEvent } from "@/lib/users/events";
import { roleChangeDirection } from "@/lib/users/role-change";

/*
 * What an admin does to an account from the Users page. Each goes through Better Auth's admin plugin with the
 * request's headers, so the plugin checks the admin's own permission at the moment of use (the action checked it
 * too, before), and each is then recorded in user_event with a snapshot of both people.
 *
 * The record is written after the change, not in one transaction with it: Better Auth writes through its own
 * adapter. A record that fails after the change is logged as an error with everything it would have said.
 */

/** Who acts: the signed-in admin, as the session has them. */
export type Actor = PersonSnapshot;

type Context = { actor: Actor; headers: Headers };

function refuse(code: ErrorCode, status: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" = "BAD_REQUEST"): never {
  throw APIError.from(status, { code, message: code });
}

/** The account as it is now, or a refusal: it is gone, or it is the admin's own. */
async function subjectOf(userId: string, actor: Actor) {
  // Refused before anything is read: nobody locks themselves out, or demotes the last admin by accident.
  if (userId === actor.id) refuse("CANNOT_MANAGE_YOURSELF");
  const [subject] = await getDb()
    .select({ id: user.id, email: user.email, name: user.name, role: user.role, banned: user.banned })
    .from(user)
    .where(eq(user.id, userId))
    .limit(1);
  return subject ?? refuse("USER_NOT_FOUND", "NOT_FOUND");
}

async function record(event: Parameters<typeof recordUserEvent>[1]): Promise<UserEvent> {
  try {
    return await recordUserEvent(getDb(), event);
  } catch (error) {
    log.error(
      `[invite-kit] ${event.kind} of user ${event.subject.id} by ${event.actor.id} happened but was not recorded in user_event`,
      error,
    );
    throw error;
  }
}

/** Lowers (or moves across) a user's role at once; a higher role is refused: it goes through an invitation. */
export async function changeUserRole({ userId, role }: { userId: string; role: RoleName }, { actor, headers }: Context) {
  const subject = await subjectOf(userId, actor);
  const direction = roleChangeDirection(subject.role, role);
  if (direction === "up") refuse("ROLE_CHANGE_NEEDS_INVITATION");
  if (subject.role === role) refuse("ROLE_UNCHANGED", "CONFLICT");
  await getAuth().api.setRole({ body: { userId, role }, headers });
  return record({ kind: "role-changed", subject, actor, fromRole: subject.role, toRole: role });
}

/** Bans a user and ends their sessions (Better Auth's banUser does both); they cannot sign in until unbanned. */
export async function banUser({ userId, reason }: { userId: string; reason?: string }, { actor, headers }: Context) {
  const subject = await subjectOf(userId, actor);
  if (subject.banned) refuse("USER_ALREADY_BANNED", "CONFLICT");
  const { user: banned } = await getAuth().api.banUser({ body: { userId, banReason: reason }, headers });
  return record({ kind: "banned", subject, actor, fromRole: subject.role, banReason: banned.banReason ?? reason ?? null });
}

export async function unbanUser({ userId }: { userId: string }, { actor, headers }: Context) {
  const subject = await subjectOf(userId, actor);
  if (!subject.banned) refuse("USER_NOT_BANNED", "CONFLICT");
  await getAuth().api.unbanUser({ body: { userId }, headers });
  return record({ kind: "unbanned", subject, actor, fromRole: subject.role });
}

/**
 * Deletes the account, its sessions and sign-in methods (Better Auth). What it did stays: the invitation audit and
 * user_event keep ids and snapshots, not foreign keys, and the invite plugin revokes invitations it had sent.
 */
export async function removeUser({ userId }: { userId: string }, { actor, headers }: Context) {
  const subject = await subjectOf(userId, actor);
  await getAuth().api.removeUser({ body: { userId }, headers });
  return record({ kind: "removed", subject, actor, fromRole: subject.role });
}
