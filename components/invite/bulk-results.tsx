import type { BulkResult } from "@/lib/actions/manage-invites";

/** What each address of a bulk send came to, in the list's order: sent, or why not, in the app's words. */
export function BulkResults({ results }: { results: readonly BulkResult[] }) {
  return (
    <ul aria-label="Results per address" className="divide-y divide-zinc-100 rounded-xl bg-white text-sm ring-1 ring-zinc-200">
      {results.map((result, index) => (
        <li
          key={`${index}-${result.email}`}
          data-testid="bulk-result"
          data-ok={result.ok}
          className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-3"
        >
          <span className="min-w-0 truncate font-mono text-xs">
            {result.row !== undefined && <span className="mr-2 text-zinc-500">Row {result.row}</span>}
            {result.email || "(no address)"}
          </span>
          <span className={`sm:text-right ${result.ok ? "text-emerald-700" : "text-red-600"}`}>{result.message}</span>
        </li>
      ))}
    </ul>
  );
}
