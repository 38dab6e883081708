"use client";

import Link from "next/link";
import { Confirm } from "@/components/ui/confirm";
import { SubmitButton } from "@/components/ui/submit-button";
import { useUserAction } from "@/components/users/user-actions";
import { roleLabels, type RoleName } from "@/lib/auth/permissions";
import { MAX_BAN_REASON_LENGTH } from "@/lib/validations/users";

export type UserRowChoices = {
  id: string;
  name: string;
  banned: boolean;
  /** Roles below (or level with) theirs: applied at once. */
  lowerRoles: RoleName[];
  /** Roles above theirs, each with the invite form prefilled to offer it: a higher role is given by invitation. */
  higherRoles: { role: RoleName; href: string }[];
};

const group = "user-row-action";
const fieldClasses =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600";
const dangerButton = "w-full bg-red-600 px-2 py-1.5 text-xs hover:bg-red-700";

/** Change role, ban or unban, remove: each behind a confirmation that works without JavaScript (a disclosure, then a POST). */
export function UserRowActions({ user }: { user: UserRowChoices }) {
  const action = useUserAction();
  const fieldId = (name: string) => `${name}-${user.id}`;
  return (
    <div className="flex flex-wrap items-center gap-2 sm:justify-end lg:flex-nowrap">
      {/* Keyed by what the account is: a change that succeeded draws its confirmation again, closed (the browser
          keeps a <details> open across renders otherwise, and a Ban box would reopen as the Unban one). */}
      <Confirm key={`role-${user.lowerRoles.join()}`} label="Change role" tone="brand" name={group} align="card">
        {user.lowerRoles.length > 0 && (
          <form action={action} className="space-y-2">
            <input type="hidden" name="intent" value="change-role" />
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor={fieldId("role")} className="block text-xs font-medium text-zinc-700">
              New role for {user.name}, applied now
            </label>
            <select id={fieldId("role")} name="role" defaultValue={user.lowerRoles[0]} className={fieldClasses}>
              {user.lowerRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
            <SubmitButton pendingLabel="Changing..." className="w-full px-2 py-1.5 text-xs">
              Confirm change
            </SubmitButton>
          </form>
        )}
        {user.higherRoles.length > 0 && (
          <div className={user.lowerRoles.length > 0 ? "mt-3 border-t border-zinc-200 pt-3" : ""}>
            <p className="mb-1 text-xs text-zinc-600">A higher role is given by invitation, which they accept:</p>
            <ul className="space-y-1">
              {user.higherRoles.map(({ role, href }) => (
                <li key={role}>
                  <Link href={href} className="text-sm font-semibold text-brand-600 hover:text-brand-700">
                    Invite to become {roleLabels[role]}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Confirm>
      {user.banned ? (
        <Confirm key="unban" label="Unban" tone="brand" name={group} align="card">
          <form action={action}>
            <input type="hidden" name="intent" value="unban" />
            <input type="hidden" name="userId" value={user.id} />
            <p className="mb-2 text-xs text-zinc-600">Unban {user.name}? They can sign in again.</p>
            <SubmitButton pendingLabel="Unbanning..." className="w-full px-2 py-1.5 text-xs">
              Confirm unban
            </SubmitButton>
          </form>
        </Confirm>
      ) : (
        <Confirm key="ban" label="Ban" tone="red" name={group} align="card">
          <form action={action} className="space-y-2">
            <input type="hidden" name="intent" value="ban" />
            <input type="hidden" name="userId" value={user.id} />
            <p className="text-xs text-zinc-600">Ban {user.name}? They are signed out everywhere and cannot sign in until unbanned.</p>
            <label htmlFor={fieldId("reason")} className="block text-xs font-medium text-zinc-700">
              Reason (optional)
            </label>
            <input id={fieldId("reason")} name="reason" maxLength={MAX_BAN_REASON_LENGTH} className={fieldClasses} />
            <SubmitButton pendingLabel="Banning..." className={dangerButton}>
              Confirm ban
            </SubmitButton>
          </form>
        </Confirm>
      )}
      <Confirm label="Remove" tone="red" name={group} align="card">
        <form action={action}>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="userId" value={user.id} />
          <p className="mb-2 text-xs text-zinc-600">
            Remove {user.name}&apos;s account? It is deleted with its sessions; what they did stays on record. This cannot be undone.
          </p>
          <SubmitButton pendingLabel="Removing..." className={dangerButton}>
            Confirm remove
          </SubmitButton>
        </form>
      </Confirm>
    </div>
  );
}
