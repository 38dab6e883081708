import { defaultRole, isRoleName, roleNames, type RoleName } from "@/lib/auth/permissions";

/** A role string's rank: its highest known role (a user may hold "user,moderator"), -1 for none the app knows. */
function rankOf(role: string | null | undefined): number {
  const held = (role ?? defaultRole).split(",").map((name) => name.trim());
  return Math.max(-1, ...held.filter(isRoleName).map((name) => roleNames.indexOf(name)));
}

/**
 * Which way a role change goes. Down (or across to the same rank) is applied at once by an admin; up goes through an
 * invitation instead, so that a higher role is always granted by the invite plugin's rules (a named grant, accepted by
 * the person, on record in the invitation audit), never slipped in from the Users page.
 */
export function roleChangeDirection(current: string | null | undefined, target: RoleName): "up" | "down" | "same" {
  const from = rankOf(current);
  const to = roleNames.indexOf(target);
  if (to > from) return "up";
  return to < from ? "down" : "same";
}

/** The invite form, prefilled for raising someone to `role` (app/dashboard/invites reads ?email= and ?role=). */
export function raiseByInvitationHref(email: string, role: RoleName): string {
  return `/dashboard/invites?${new URLSearchParams({ email, role })}`;
}
