import "server-only";
import { desc, eq } from "drizzle-orm";
import { abilitiesOf, roleLabels, type RoleName } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db";
import { invite, inviteUse } from "@/lib/db/schema";

/**
 * What /dashboard/role-upgraded says to each role. The words of welcome are written here; what the role may do is
 * read from its statements (abilitiesOf), the dashboard's own source, so the two pages never list different abilities
 * and the welcome never promises what no permission grants.
 */
const welcome: Record<RoleName, { title: string; description: string }> = {
  user: { title: "Welcome to the platform!", description: "Here is what you can do now." },
  moderator: { title: "You're now a Moderator!", description: "You help keep the community healthy. These tools are now yours." },
  admin: { title: "Welcome, Admin!", description: "You have full access. Use it well." },
};

/**
 * A shareable invitation accepted this soon after the account was made was accepted by the sign-up that made it: the
 * invite cookie that carries an invitation through sign-up lasts 30 minutes.
 */
const SIGN_UP_WINDOW_MS = 30 * 60 * 1000;

/**
 * Whether the user's latest accepted invitation came with a new account. A private invitation knows (newAccount: its
 * address had no account when it was sent); for a shareable one, the account was made just before the use.
 */
export async function joinedThroughInvitation(db: Database, account: { id: string; createdAt: Date }): Promise<boolean> {
  const [latest] = await db
    .select({ usedAt: inviteUse.usedAt, email: invite.email, newAccount: invite.newAccount })
    .from(inviteUse)
    .innerJoin(invite, eq(invite.id, inviteUse.inviteId))
    .where(eq(inviteUse.usedByUserId, account.id))
    .orderBy(desc(inviteUse.usedAt))
    .limit(1);
  if (!latest) return false;
  if (latest.email !== null) return latest.newAccount;
  return latest.usedAt.getTime() - new Date(account.createdAt).getTime() < SIGN_UP_WINDOW_MS;
}

export type RoleWelcome = { title: string; greeting: string; description: string; abilities: string[] };

/** The welcome for `user`: a new account is greeted by name as one; an existing one is told its role changed. */
export function roleWelcome(user: { name: string; role: RoleName }, isNew: boolean): RoleWelcome {
  const firstName = user.name.trim().split(/\s+/)[0] || user.name;
  const greeting = isNew
    ? `Welcome, ${firstName}! Your account is ready, with the ${roleLabels[user.role]} role.`
    : `${firstName}, your account now has the ${roleLabels[user.role]} role.`;
  return { ...welcome[user.role], greeting, abilities: abilitiesOf(user.role) };
}
