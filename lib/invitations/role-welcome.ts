import { abilitiesOf, roleLabels, type RoleName } from "@/lib/auth/permissions";

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
 * An account at most this old when the page is shown was made by the sign-up that accepted the invitation: the invite
 * cookie that carries an invitation through sign-up lasts 30 minutes.
 */
const NEW_ACCOUNT_MS = 30 * 60 * 1000;

export type RoleWelcome = { title: string; greeting: string; description: string; abilities: string[] };

/** The welcome for `user`: a new account is greeted by name as one; an existing one is told its role changed. */
export function roleWelcome(user: { name: string; role: RoleName; createdAt: Date | string }, now = new Date()): RoleWelcome {
  const firstName = user.name.trim().split(/\s+/)[0] || user.name;
  const isNew = now.getTime() - new Date(user.createdAt).getTime() < NEW_ACCOUNT_MS;
  const greeting = isNew
    ? `Welcome, ${firstName}! Your account is ready, with the ${roleLabels[user.role]} role.`
    : `${firstName}, your account now has the ${roleLabels[user.role]} role.`;
  return { ...welcome[user.role], greeting, abilities: abilitiesOf(user.role) };
}
