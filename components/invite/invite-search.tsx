import Link from "next/link";
import { Button } from "@/components/ui/button";
import { invitesHref, type InvitesQuery, orderOf } from "@/lib/invitations/list-query";

/**
 * Search by address: a plain GET form, so it works without JavaScript. It keeps the status filter and the order and,
 * having no `page` field, starts again at the first page.
 */
export function InviteSearch({ query }: { query: InvitesQuery }) {
  const { sort, dir } = orderOf(query);
  return (
    <form method="get" action="/dashboard/invites" role="search" aria-label="Search invitations" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1.5">
        <label htmlFor="invite-search" className="block text-sm font-medium text-zinc-800">
          Search by email
        </label>
        <input
          id="invite-search"
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          maxLength={254}
          placeholder="ada@ or example.org"
          className="block w-64 rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset"
        />
      </div>
      {query.status && <input type="hidden" name="status" value={query.status} />}
      {sort !== "created" && <input type="hidden" name="sort" value={sort} />}
      {dir !== "desc" && <input type="hidden" name="dir" value={dir} />}
      <Button type="submit" variant="secondary" className="py-2">
        Search
      </Button>
      {query.q && (
        <Link
          href={invitesHref({ ...query, q: undefined, page: 1 })}
          className="py-2 text-sm font-semibold text-brand-600 hover:text-brand-700"
        >
          Clear search
        </Link>
      )}
    </form>
  );
}
