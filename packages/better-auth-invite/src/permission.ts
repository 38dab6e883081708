import { BetterAuthError } from "better-auth";
import type { AdminPluginOptions } from "./roles";
import { rolesOf, userHasPermission } from "./roles";
import type { InvitePermission, InviteUser } from "./types";

type PermissionStatement = { statement?: string; permissions: string[] };

/**
 * Turns the statement form into an access-control request. An entry with a colon names its own resource
 * (`"create:invite"` is `{ invite: ["create"] }`), whatever `statement` says: in the examples users copy,
 * `statement` is often a sentence that describes the rule ("user can invite users with specific roles"), and
 * reading it as a resource refused everyone. An entry without a colon takes `statement` as its resource:
 * `{ statement: "invite", permissions: ["create"] }` is `{ invite: ["create"] }` too.
 */
export function toAccessRequest(permission: PermissionStatement): Record<string, string[]> {
  const request: Record<string, string[]> = {};
  for (const entry of permission.permissions) {
    const colon = entry.indexOf(":");
    const action = colon === -1 ? entry : entry.slice(0, colon);
    const resource = colon === -1 ? permission.statement : entry.slice(colon + 1);
    if (!action || !resource) {
      throw new BetterAuthError(`Invite permission "${entry}" needs the form "action:resource", or a statement that names its resource`);
    }
    (request[resource] ??= []).push(action);
  }
  return request;
}

/**
 * A statement that no role of the access control can ever grant refuses everyone, admins included, and would
 * only show up as a 403 in production: it is a mistake in the configuration, so it is refused at start-up.
 */
export function assertGrantable(optionName: string, permission: InvitePermission<never> | undefined, admin: AdminPluginOptions): void {
  if (permission === undefined || typeof permission !== "object") return;
  const request = toAccessRequest(permission);
  const roles = Object.values(rolesOf(admin));
  for (const [resource, actions] of Object.entries(request)) {
    for (const action of actions) {
      if (!roles.some((role) => role.statements?.[resource]?.includes(action))) {
        throw new BetterAuthError(
          `invite(): ${optionName} asks for "${action}:${resource}", which no role of the admin plugin's access control grants. ` +
            `Declare it in your statements (createAccessControl({ ..., ${resource}: ["${action}"] })) and give it to the roles that may invite.`,
        );
      }
    }
  }
}

/** Evaluates one of the three forms of a permission option; `fallback` answers when the option is unset. */
export async function isAllowed<Input>(
  permission: InvitePermission<Input> | undefined,
  input: Input,
  subject: InviteUser,
  admin: AdminPluginOptions,
  fallback: () => boolean,
): Promise<boolean> {
  if (permission === undefined) return fallback();
  if (typeof permission === "boolean") return permission;
  if (typeof permission === "function") return (await permission(input)) === true;
  return userHasPermission(subject, admin, toAccessRequest(permission));
}
