import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { invite, inviteUse, user } from "@/lib/db/schema";

/** Users, newest first, each with who invited them into their current role (if an invitation did). */
export async function listUsersWithInviters(db: Database, limit = 100) {
  const users = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      banned: user.banned,
      banReason: user.banReason,
      createdAt: user.createdAt,
    })
    .from(user)
    .orderBy(desc(user.createdAt), desc(user.id))
    .limit(limit);
  if (users.length === 0) return [];
  // The inviter as the invitation recorded them: still named after their own account is deleted.
  const grants = await db
    .select({ userId: inviteUse.usedByUserId, usedAt: inviteUse.usedAt, inviterName: invite.createdByName })
    .from(inviteUse)
    .innerJoin(invite, eq(invite.id, inviteUse.inviteId))
    .where(
      inArray(
        inviteUse.usedByUserId,
        users.map((row) => row.id),
      ),
    )
    .orderBy(desc(inviteUse.usedAt));
  const latestInviter = new Map<string, string>();
  for (const grant of grants) if (grant.userId && !latestInviter.has(grant.userId)) latestInviter.set(grant.userId, grant.inviterName);
  return users.map((row) => ({ ...row, banned: row.banned ?? false, invitedBy: latestInviter.get(row.id) ?? null }));
}

export type UserListItem = Awaited<ReturnType<typeof listUsersWithInviters>>[number];
