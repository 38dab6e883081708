import { isRoleName, roles } from "@/lib/auth/permissions";

export type AuthorizeRequest = Parameters<(typeof roles)["admin"]["authorize"]>[0];

/**
 * Whether a user's role grants a statement, read from the same access control
 * the admin plugin enforces. Pages use it to hide what a role cannot do;
 * actions use it to refuse early, and the plugin checks again on its own.
 */
export function can(user: { role?: string | null }, request: AuthorizeRequest): boolean {
  const userRoles = (user.role ?? "user").split(",").map((role) => role.trim());
  return userRoles.some((role) => isRoleName(role) && roles[role].authorize(request).success);
}
