"use server";

import { revalidatePath } from "next/cache";
import { formAction, type Access } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { roleLabels } from "@/lib/auth/permissions";
import type { Session } from "@/lib/auth/session";
import { messageForCode } from "@/lib/errors/messages";
import { banUser, changeUserRole, removeUser, unbanUser, type Actor } from "@/lib/users/manage";
import { banUserSchema, changeRoleSchema, userIdSchema } from "@/lib/validations/users";

/*
 * The Users page's actions: one form each, behind a confirmation. The wrapper checks the session and the permission
 * the action needs; lib/users/manage.ts refuses acting on oneself and raising a role, and Better Auth checks the
 * permission again as it acts.
 */

const allowed = (action: "set-role" | "ban" | "delete"): Access => ({ kind: "permitted", permission: { user: [action] } });

/** An id that is not one reads as what it is to the admin: no such account. */
const unknownUser = (): FormState => ({ status: "error", message: messageForCode("USER_NOT_FOUND") });

function actorOf(session: Session | null): Actor {
  // The wrapper admits a "permitted" action only with a session; without one this is a bug, not a refusal.
  if (!session) throw new Error("a permitted action ran without a session");
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

function done(message: string): FormState {
  revalidatePath("/dashboard/users");
  revalidatePath("/dashboard/activity");
  return { status: "success", message };
}

export const changeUserRoleAction = formAction<typeof changeRoleSchema, FormState>(
  { schema: changeRoleSchema, access: allowed("set-role"), keep: () => ({}) },
  async (input, { session, headers }) => {
    const event = await changeUserRole(input, { actor: actorOf(session), headers });
    return done(`${event.subjectName} is now a ${roleLabels[input.role]}.`);
  },
);

export const banUserAction = formAction<typeof banUserSchema, FormState>(
  { schema: banUserSchema, access: allowed("ban") },
  async (input, { session, headers }) => {
    const event = await banUser(input, { actor: actorOf(session), headers });
    return done(`${event.subjectName} is banned and signed out everywhere. They cannot sign in until unbanned.`);
  },
);

export const unbanUserAction = formAction<typeof userIdSchema, FormState>(
  { schema: userIdSchema, access: allowed("ban"), invalid: unknownUser },
  async (input, { session, headers }) => {
    const event = await unbanUser(input, { actor: actorOf(session), headers });
    return done(`${event.subjectName} is unbanned and can sign in again.`);
  },
);

export const removeUserAction = formAction<typeof userIdSchema, FormState>(
  { schema: userIdSchema, access: allowed("delete"), invalid: unknownUser },
  async (input, { session, headers }) => {
    const event = await removeUser(input, { actor: actorOf(session), headers });
    return done(`${event.subjectName}'s account (${event.subjectEmail}) is removed. What they did stays on record.`);
  },
);

const byIntent = {
  "change-role": changeUserRoleAction,
  ban: banUserAction,
  unban: unbanUserAction,
  remove: removeUserAction,
} as const;

function isIntent(value: unknown): value is keyof typeof byIntent {
  return typeof value === "string" && Object.hasOwn(byIntent, value);
}

/**
 * The one action the Users page's forms post to, each naming its `intent`: one answer for the whole table, so the
 * latest outcome is the one shown, and a removed account's outcome outlives its row. Each intent's action checks
 * the session and its own permission.
 */
export async function manageUserAction(previous: FormState, formData: FormData): Promise<FormState> {
  const intent = formData instanceof FormData ? formData.get("intent") : null;
  if (!isIntent(intent)) return { status: "error", message: "That form is not one this page sends. Reload the page and try again." };
  return byIntent[intent](previous, formData);
}
