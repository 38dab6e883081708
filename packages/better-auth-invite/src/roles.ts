import type { GenericEndpointContext } from "./context";
import { BetterAuthError } from "better-auth";
import { defaultRoles } from "better-auth/plugins/admin/access";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { InviteUser } from "./types";

type AuthorizeResult = { success: boolean };
type AccessRole = { authorize: (request: Record<string, string[]>) => AuthorizeResult; statements?: Record<string, readonly string[]> };

/** What the invite plugin reads from Better Auth's admin plugin. */
export type AdminPluginOptions = {
  roles?: Record<string, AccessRole>;
  adminRoles?: string | string[];
  adminUserIds?: string[];
  defaultRole?: string;
};

type PluginLike = { id: string; options?: unknown };

function isAdminOptions(value: unknown): value is AdminPluginOptions {
  return value === undefined || (typeof value === "object" && value !== null);
}

/** The admin plugin's options; the invite plugin cannot grant roles without it. */
export function findAdminOptions(plugins: readonly PluginLike[] | undefined): AdminPluginOptions {
  const admin = plugins?.find((plugin) => plugin.id === "admin");
  if (!admin || !isAdminOptions(admin.options)) {
    throw new BetterAuthError(INVITE_ERROR_CODES.ADMIN_PLUGIN_IS_NOT_SET_UP.message);
  }
  return admin.options ?? {};
}

export function adminOptionsOf(ctx: GenericEndpointContext): AdminPluginOptions {
  return findAdminOptions(ctx.context.options.plugins);
}

export function rolesOf(admin: AdminPluginOptions): Record<string, AccessRole> {
  return admin.roles ?? defaultRoles;
}

export function roleExists(admin: AdminPluginOptions, role: string): boolean {
  return Object.hasOwn(rolesOf(admin), role);
}

/** The admin plugin stores several roles as "a,b". */
export function userRoles(user: InviteUser, admin: AdminPluginOptions): string[] {
  const role = user.role || admin.defaultRole || "user";
  return role
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

export function isAdmin(user: InviteUser, admin: AdminPluginOptions): boolean {
  if (admin.adminUserIds?.includes(user.id)) return true;
  const adminRoles = typeof admin.adminRoles === "string" ? admin.adminRoles.split(",") : (admin.adminRoles ?? ["admin"]);
  return userRoles(user, admin).some((role) => adminRoles.includes(role));
}

/** Roles from lowest to highest: the option when given, else the admin plugin's roles as declared. */
export function hierarchyOf(option: string[] | false | undefined, admin: AdminPluginOptions): string[] | null {
  if (option === false) return null;
  if (option) return option;
  // The admin plugin's built-in roles are declared { admin, user }: highest first, so not an order to read.
  return admin.roles ? Object.keys(admin.roles) : ["user", "admin"];
}

/** The rank of a user's highest role; -1 when none of its roles is ranked. */
export function rankOfUser(user: InviteUser, admin: AdminPluginOptions, hierarchy: string[]): number {
  return Math.max(-1, ...userRoles(user, admin).map((role) => hierarchy.indexOf(role)));
}

/** True when the user's roles grant the statement, as the admin plugin's access control reads it. */
export function userHasPermission(user: InviteUser, admin: AdminPluginOptions, request: Record<string, string[]>): boolean {
  if (admin.adminUserIds?.includes(user.id)) return true;
  const roles = rolesOf(admin);
  return userRoles(user, admin).some((role) => roles[role]?.authorize(request).success === true);
}

/** Whether the user already holds `role`, or one above it in the hierarchy: an invitation would change nothing. */
export function holdsRoleOrHigher(user: InviteUser, admin: AdminPluginOptions, hierarchy: string[] | null, role: string): boolean {
  // A role the hierarchy does not rank is held only by holding it.
  if (!hierarchy || !hierarchy.includes(role)) return userRoles(user, admin).includes(role);
  return rankOfUser(user, admin, hierarchy) >= hierarchy.indexOf(role);
}

/**
 * The user's role once `granted` is accepted. The admin plugin lets a user hold several roles ("moderator,editor").
 * The hierarchy ranks some of them: a ranked role replaces the ranked ones the user holds (an upgrade from
 * moderator to admin leaves no stale moderator behind) and keeps the ones it does not rank, which it cannot
 * compare ("admin,editor"); a role it does not rank is added beside the others ("moderator,editor").
 * Without a hierarchy nothing can be compared, and the granted role is the user's role, as it always was.
 */
export function roleAfterGrant(user: InviteUser, granted: string, admin: AdminPluginOptions, hierarchy: string[] | null): string {
  if (!hierarchy) return granted;
  const ranked = hierarchy.includes(granted);
  const kept = userRoles(user, admin).filter((role) => role !== granted && !(ranked && hierarchy.includes(role)));
  return ranked ? [granted, ...kept].join(",") : [...kept, granted].join(",");
}

/** Whether accepting `role` would lower the user: only a ranked role can, when the user holds a higher one. */
export function wouldLower(user: InviteUser, admin: AdminPluginOptions, hierarchy: string[] | null, role: string): boolean {
  if (!hierarchy || !hierarchy.includes(role)) return false;
  return rankOfUser(user, admin, hierarchy) > hierarchy.indexOf(role);
}
