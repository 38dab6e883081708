"use client";

import { useActionState } from "react";
import { bulkInviteAction, type BulkInviteState } from "@/lib/actions/manage-invites";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { roleLabels, roleNames, roleSummaries } from "@/lib/auth/permissions";

const initialState: BulkInviteState = { status: "idle" };

/** Many private invitations for one role; the result is shown per address. */
export function BulkInviteForm() {
  const [state, formAction] = useActionState(bulkInviteAction, initialState);
  return (
    // Open once there is a result: without JavaScript the page reloads, and a closed disclosure would hide it.
    <details open={state.status !== "idle" || undefined}>
      <summary className="cursor-pointer text-lg font-semibold">Invite many people at once</summary>
      <form action={formAction} className="mt-6 space-y-4" noValidate>
        {state.message && (
          <Alert tone={state.status === "success" ? "success" : state.results?.some((result) => result.ok) ? "info" : "error"}>
            {state.message}
          </Alert>
        )}
        <div className="space-y-1.5">
          <label htmlFor="bulk-emails" className="block text-sm font-medium text-zinc-800">
            Email addresses
          </label>
          <textarea
            id="bulk-emails"
            name="emails"
            rows={4}
            defaultValue={state.values?.emails}
            aria-describedby="bulk-emails-hint"
            className="block w-full rounded-lg border-0 bg-white px-3 py-2.5 font-mono text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600"
            placeholder={"ada@example.com, grace@example.com\nlinus@example.com"}
          />
          <p id="bulk-emails-hint" className="text-xs text-zinc-500">
            Separate addresses with commas or new lines; up to 50 at once.
          </p>
          {state.fieldErrors?.emails && <p className="text-sm text-red-600">{state.fieldErrors.emails.join(" ")}</p>}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="bulk-role" className="block text-sm font-medium text-zinc-800">
            Role for all of them
          </label>
          {/* Keyed by the role: React does not move a select's default after mount, and the form reset goes back to it. */}
          <select
            key={state.values?.role ?? "user"}
            id="bulk-role"
            name="role"
            defaultValue={state.values?.role ?? "user"}
            className="block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600 sm:w-64"
          >
            {roleNames.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]} — {roleSummaries[role]}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pendingLabel="Sending invitations...">Send all invitations</SubmitButton>
        {state.results && (
          <ul aria-label="Results per address" className="divide-y divide-zinc-100 rounded-xl bg-white text-sm ring-1 ring-zinc-200">
            {state.results.map((result) => (
              <li key={result.email} data-testid="bulk-result" className="flex items-center justify-between gap-3 px-3 py-2">
                <span className="truncate font-mono text-xs">{result.email}</span>
                <span className={result.ok ? "text-emerald-700" : "text-red-600"}>{result.message}</span>
              </li>
            ))}
          </ul>
        )}
      </form>
    </details>
  );
}
