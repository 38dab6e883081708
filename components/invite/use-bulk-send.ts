"use client";

import { type FormEvent, useState } from "react";
import { bulkInviteAction, type BulkInviteState, type BulkResult } from "@/lib/actions/manage-invites";
import { isRoleName } from "@/lib/auth/permissions";
import {
  type BulkEntry,
  bulkSummary,
  chunkEntries,
  csvEntries,
  csvFileProblem,
  entriesAsCsv,
  listSizeProblem,
  pastedEntries,
} from "@/lib/invitations/bulk-list";

/** A bulk send made a part at a time: how far it is, and what each address came to so far, in the list's order. */
export type BulkRun = {
  sending: boolean;
  done: number;
  total: number;
  results: BulkResult[];
  /** What the form says above it: the summary, or why it stopped. */
  state: BulkInviteState;
};

/**
 * With JavaScript, the bulk form sends its list in parts (bulk-list.ts's chunkEntries), each as the CSV file the
 * action reads, so that it can say "Sent 30 of 100" as it goes. The browser's reading of the list only splits it:
 * the action reads each part again and decides, and the plugin checks each address once more.
 */
export function useBulkSend() {
  const [run, setRun] = useState<BulkRun | null>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // React lets go of currentTarget once the handler returns, and this one goes on across awaits.
    const form = event.currentTarget;
    const data = new FormData(form);
    const role = String(data.get("role") ?? "");
    const pasted = String(data.get("emails") ?? "");
    const stopped = (state: BulkInviteState, results: BulkResult[] = [], done = 0, total = 0) =>
      setRun({ sending: false, done, total, results, state: { values: { role, emails: pasted }, ...state } });

    const entries: BulkEntry[] = pastedEntries(pasted, role);
    const file = data.get("csv");
    if (file instanceof File && (file.size > 0 || file.name !== "")) {
      const tooLarge = csvFileProblem(file);
      if (tooLarge) return stopped({ status: "error", fieldErrors: { csv: [tooLarge] } });
      const read = csvEntries(await file.text(), role);
      if ("error" in read) return stopped({ status: "error", fieldErrors: { csv: [read.error] } });
      entries.push(...read.entries);
    }
    const tooMany = listSizeProblem(entries);
    if (tooMany)
      return stopped({ status: "error", fieldErrors: { [file instanceof File && file.size > 0 ? "csv" : "emails"]: [tooMany] } });

    // While it runs, the form keeps what was chosen (the role, the box), whatever it showed before.
    const sending: BulkInviteState = { status: "idle", values: { role, emails: pasted } };
    const results: (BulkResult | undefined)[] = entries.map(() => undefined);
    const sofar = () => results.filter((result) => result !== undefined);
    let done = 0;
    setRun({ sending: true, done, total: entries.length, results: [], state: sending });
    for (const part of chunkEntries(entries)) {
      const body = new FormData();
      body.set("role", role);
      body.set("csv", new File([entriesAsCsv(part.entries)], "part.csv", { type: "text/csv" }));
      let answer: BulkInviteState;
      try {
        answer = await bulkInviteAction({ status: "idle" }, body);
      } catch {
        return stopped(
          {
            status: "error",
            message: "Sending stopped: the server could not be reached. The addresses below were handled; send the rest again.",
          },
          sofar(),
          done,
          entries.length,
        );
      }
      // A refusal of the whole part (the session ended, the permission is gone) stops the send where it is.
      if (!answer.results) return stopped({ ...answer, status: "error" }, sofar(), done, entries.length);
      answer.results.forEach((result, index) => {
        const at = part.at[index];
        if (at === undefined) return;
        // Its row in the file the admin chose, not in the part that was sent.
        const { row: _partRow, ...rest } = result;
        const row = entries[at]?.row;
        results[at] = row === undefined ? rest : { ...rest, row };
      });
      done += part.entries.length;
      setRun({ sending: true, done, total: entries.length, results: sofar(), state: sending });
    }
    const all = sofar();
    const roles = new Set(entries.map((entry) => entry.role));
    const failed = all.some((result) => !result.ok && !result.duplicate);
    const message = bulkSummary(all, roles.size === 1 && isRoleName(role) && roles.has(role) ? role : undefined);
    // Pasted addresses that were not sent go back in the box, to fix and send again, as without JavaScript.
    const unsent = entries.filter((entry, at) => entry.row === undefined && !results[at]?.ok && !results[at]?.duplicate);
    const notice = unsent.length ? " The addresses that were not sent are left in the box, to fix and send again." : "";
    setRun({
      sending: false,
      done,
      total: entries.length,
      results: all,
      state: {
        status: failed ? "error" : "success",
        message: message + notice,
        values: { role, emails: unsent.map((entry) => entry.email).join("\n") },
      },
    });
    if (!failed) form.reset();
  }

  return { run, send };
}
