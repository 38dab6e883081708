"use client";

import { useActionState } from "react";
import { bulkInviteAction, type BulkInviteState } from "@/lib/actions/manage-invites";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { BulkProgress } from "@/components/invite/bulk-progress";
import { BulkResults } from "@/components/invite/bulk-results";
import { useBulkSend } from "@/components/invite/use-bulk-send";
import { roleLabels, roleSummaries, type RoleName } from "@/lib/auth/permissions";
import { MAX_BULK_INVITATIONS } from "@/lib/invitations/limits";

const initialState: BulkInviteState = { status: "idle" };

const fieldClasses =
  "block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600";

/**
 * Many private invitations at once: pasted addresses for one role, and a CSV file whose rows may each name a role the
 * admin may grant. Without JavaScript the form posts the whole list to the action and shows the results; with it,
 * the list goes in parts (useBulkSend) and a bar shows how far it has gone.
 */
export function BulkInviteForm({ grantable }: { grantable: readonly RoleName[] }) {
  const [posted, formAction] = useActionState(bulkInviteAction, initialState);
  const { run, send } = useBulkSend();
  const state = run?.state ?? posted;
  const results = run ? run.results : posted.results;
  const errors = state.fieldErrors ?? {};
  const role = state.values?.role ?? "user";
  return (
    // Open once there is a result: without JavaScript the page reloads, and a closed disclosure would hide it.
    <details open={state.status !== "idle" || run !== null || undefined}>
      <summary className="cursor-pointer text-lg font-semibold">Invite many people at once</summary>
      <form action={formAction} onSubmit={send} className="mt-6 space-y-4" noValidate>
        {state.message && (
          <Alert tone={state.status === "success" ? "success" : results?.some((result) => result.ok) ? "info" : "error"}>
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
            // Keyed by the answer: a textarea does not take a new default after mount, and the box refills with what was not sent.
            key={`emails-${state.values?.emails ?? ""}`}
            defaultValue={state.values?.emails}
            aria-describedby="bulk-emails-hint"
            aria-invalid={errors.emails ? true : undefined}
            className={`${fieldClasses} font-mono`}
            placeholder={"ada@example.com, grace@example.com\nlinus@example.com"}
          />
          <p id="bulk-emails-hint" className="text-xs text-zinc-500">
            Separate addresses with commas or new lines; up to {MAX_BULK_INVITATIONS} at once, with the CSV file&apos;s rows.
          </p>
          {errors.emails && <p className="text-sm text-red-600">{errors.emails.join(" ")}</p>}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="bulk-csv" className="block text-sm font-medium text-zinc-800">
            Or a CSV file
          </label>
          <input
            id="bulk-csv"
            name="csv"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="bulk-csv-hint"
            aria-invalid={errors.csv ? true : undefined}
            className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-lg file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-200"
          />
          <p id="bulk-csv-hint" className="text-xs text-zinc-500">
            A first row naming the columns: <code>email</code>, and if you like <code>role</code> ({grantable.join(", ")}). A row without a
            role gets the one below.
          </p>
          {errors.csv && <p className="text-sm text-red-600">{errors.csv.join(" ")}</p>}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="bulk-role" className="block text-sm font-medium text-zinc-800">
            Role for all of them
          </label>
          {/* Keyed by the role: React does not move a select's default after mount, and the form reset goes back to it. */}
          <select key={role} id="bulk-role" name="role" defaultValue={role} className={`${fieldClasses} sm:w-64`}>
            {grantable.map((name) => (
              <option key={name} value={name}>
                {roleLabels[name]} — {roleSummaries[name]}
              </option>
            ))}
          </select>
          {errors.role && <p className="text-sm text-red-600">{errors.role.join(" ")}</p>}
        </div>
        {run?.sending ? (
          <Button type="submit" disabled aria-disabled>
            <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
            Sending invitations...
          </Button>
        ) : (
          <SubmitButton pendingLabel="Sending invitations...">Send all invitations</SubmitButton>
        )}
        {run && (run.sending || run.total > 0) && <BulkProgress done={run.done} total={run.total} />}
        {results && results.length > 0 && <BulkResults results={results} />}
      </form>
    </details>
  );
}
