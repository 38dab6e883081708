import { BetterAuthError } from "better-auth";
import type { AdminPluginOptions } from "./roles";
import { userHasPermission } from "./roles";
import type { InvitePermission, InviteUser } from "./types";

/**
 * Turns the statement form into an access-control request:
 * `{ statement: "invite", permissions: ["create"] }` and
 * `{ permissions: ["create:invite"] }` both mean `{ invite: ["create"] }`.
 */
export function toAccessRequest(permission: { statement?: string; permissions: string[] }): Record<string, string[]> {
  const request: Record<string, string[]> = {};
  for (const entry of permission.permissions) {
    let resource = permission.statement;
    let action = entry;
    if (!resource) {
      const [verb, noun] = entry.split(":");
      if (!verb || !noun) {
        throw new BetterAuthError(`Invite permission "${entry}" needs a statement, or the form "action:resource"`);
      }
      action = verb;
      resource = noun;
    }
    (request[resource] ??= []).push(action);
  }
  return request;
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
