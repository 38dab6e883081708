import { abilitiesOf, type RoleName } from "@/lib/auth/permissions";

/**
 * What /dashboard/role-upgraded says to each role. The words of welcome are written here; what the role may do is
 * read from its statements (abilitiesOf), so the page never promises what no permission grants.
 */
const welcome: Record<RoleName, { title: string; description: string }> = {
  user: { title: "Welcome to the platform!", description: "Your account is ready. Here is what you can do now." },
  moderator: { title: "You're now a Moderator!", description: "You help keep the community healthy. These tools are now yours." },
  admin: { title: "Welcome, Admin!", description: "You have full access. Use it well." },
};

export function roleWelcome(role: RoleName): { title: string; description: string; abilities: string[] } {
  return { ...welcome[role], abilities: abilitiesOf(role) };
}
