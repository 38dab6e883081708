import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

/**
 * What each role may do, shared by the server (the admin plugin checks these)
 * and the client (the UI hides what a role cannot do). Roles are declared from
 * lowest to highest: the invite plugin reads that order as the role hierarchy.
 */
export const statement = {
  ...defaultStatements,
  profile: ["read", "update"],
  post: ["read", "update", "delete"],
  invite: ["create"],
  // The outbox holds every email the app sent, verification and invitation links included.
  outbox: ["read"],
} as const;

export const ac = createAccessControl(statement);

/** Reads and updates its own profile. */
const user = ac.newRole({
  profile: ["read", "update"],
});

/** A user that also reads and updates any post. */
const moderator = ac.newRole({
  profile: ["read", "update"],
  post: ["read", "update"],
});

/** A moderator that also creates invites, deletes posts, manages users and their roles, and reads the outbox. */
const admin = ac.newRole({
  ...adminAc.statements,
  profile: ["read", "update"],
  post: ["read", "update", "delete"],
  invite: ["create"],
  outbox: ["read"],
});

export const roles = { user, moderator, admin };

export type RoleName = keyof typeof roles;

/** Lowest to highest, as declared above. */
export const roleNames = ["user", "moderator", "admin"] as const satisfies readonly RoleName[];

export const defaultRole: RoleName = "user";

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === "string" && Object.hasOwn(roles, value);
}

/**
 * The roles a user may grant: their highest role and the ones below it, as the invite plugin's hierarchy (the order
 * of `roles`) allows. The plugin checks again; forms use it to offer, and the bulk form's CSV to refuse, per row.
 */
export function grantableRoles(user: { role?: string | null }): RoleName[] {
  return roleNames.slice(0, rankOf(user.role ?? defaultRole) + 1);
}

/** The rank of the highest known role in `role` ("user,moderator", or a list), -1 for none: 0 is `user`. */
export function rankOf(role: string | readonly string[]): number {
  const held = (typeof role === "string" ? role.split(",") : role).map((name) => name.trim());
  return Math.max(-1, ...held.filter(isRoleName).map((name) => roleNames.indexOf(name)));
}

/** Human labels for the UI; the role's key stays the source of truth. */
export const roleLabels: Record<RoleName, string> = {
  user: "User",
  moderator: "Moderator",
  admin: "Admin",
};

/** A role in a few words, for the pickers that grant it; what it may do in full is abilitiesOf(role). */
export const roleSummaries: Record<RoleName, string> = {
  user: "Basic access",
  moderator: "Can manage content",
  admin: "Full access",
};

const DAY = 86_400;

/**
 * How long an invitation to a role lasts when its creator picks no expiry, in seconds: a week for admins (often
 * set up ahead of time), a day for the others. The plugin's own default applies only to callers that pass none.
 */
export const defaultInviteLifetime: Record<RoleName, number> = { user: DAY, moderator: DAY, admin: 7 * DAY };

/** What a role may do, in words, for the dashboard. Derived from the statements, so it cannot drift from them. */
export function abilitiesOf(role: RoleName): string[] {
  const statements: Partial<Record<string, readonly string[]>> = roles[role].statements;
  const has = (resource: string, action: string) => statements[resource]?.includes(action) ?? false;
  const abilities: string[] = [];
  if (has("profile", "read") && has("profile", "update")) abilities.push("View and update your own profile");
  if (has("post", "read") && has("post", "update")) abilities.push("Read and edit any post");
  if (has("post", "delete")) abilities.push("Delete posts");
  if (has("invite", "create")) abilities.push("Invite people and grant them roles");
  if (has("user", "set-role")) abilities.push("Change users' roles");
  if (has("user", "list") && has("user", "ban")) abilities.push("Manage user accounts");
  return abilities;
}
