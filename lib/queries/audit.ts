import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { invite, inviteUse, user } from "@/lib/db/schema";

const invitee = alias(user, "invitee");
const inviter = alias(user, "inviter");

/** The audit trail: who granted which role to whom, and when, newest first. */
export async function listRoleGrants(db: Database, limit = 50) {
  return db
    .select({
      id: inviteUse.id,
      usedAt: inviteUse.usedAt,
      previousRole: inviteUse.previousRole,
      newRole: inviteUse.newRole,
      inviteeName: invitee.name,
      inviteeEmail: invitee.email,
      inviterName: inviter.name,
      inviterEmail: inviter.email,
      privateInvite: invite.email,
    })
    .from(inviteUse)
    .innerJoin(invite, eq(invite.id, inviteUse.inviteId))
    .innerJoin(invitee, eq(invitee.id, inviteUse.usedByUserId))
    .innerJoin(inviter, eq(inviter.id, invite.createdByUserId))
    .orderBy(desc(inviteUse.usedAt), desc(inviteUse.id))
    .limit(limit);
}

/** Users, newest first, each with who invited them into their current role (if an invitation did). */
export async function listUsersWithInviters(db: Database, limit = 100) {
  const users = await db
    .select({ id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt })
    .from(user)
    .orderBy(desc(user.createdAt), desc(user.id))
    .limit(limit);
  if (users.length === 0) return [];
  const grants = await db
    .select({ userId: inviteUse.usedByUserId, usedAt: inviteUse.usedAt, inviterName: inviter.name })
    .from(inviteUse)
    .innerJoin(invite, eq(invite.id, inviteUse.inviteId))
    .innerJoin(inviter, eq(inviter.id, invite.createdByUserId))
    .where(inArray(inviteUse.usedByUserId, users.map((row) => row.id)))
    .orderBy(desc(inviteUse.usedAt));
  const latestInviter = new Map<string, string>();
  for (const grant of grants) if (!latestInviter.has(grant.userId)) latestInviter.set(grant.userId, grant.inviterName);
  return users.map((row) => ({ ...row, invitedBy: latestInviter.get(row.id) ?? null }));
}
