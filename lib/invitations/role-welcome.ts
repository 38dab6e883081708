import type { RoleName } from "@/lib/auth/permissions";

/** What /dashboard/role-upgraded says to each role: one table, so copy and abilities change in one place. */
export const roleWelcome: Record<RoleName, { title: string; description: string; abilities: string[] }> = {
  user: {
    title: "Welcome to the platform!",
    description: "Your account is ready. Here is what you can do now.",
    abilities: ["View content", "Update your profile", "Participate in discussions"],
  },
  moderator: {
    title: "You're now a Moderator!",
    description: "You help keep the community healthy. These tools are now yours.",
    abilities: ["Moderate posts", "Manage comments", "Review reports"],
  },
  admin: {
    title: "Welcome, Admin!",
    description: "You have full access. Use it well.",
    abilities: ["Manage users", "Configure settings", "Access analytics", "Create invites"],
  },
};
