import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { InviteRowActions } from "@/components/invite/invite-row-actions";
import { InviteStatusBadge } from "@/components/invite/invite-status-badge";
import type { InviteListItem } from "@/lib/invitations/list";
import { invitesHref, inviteStatusFilters, inviteStatusLabels, type InvitesQuery } from "@/lib/invitations/list-query";
import { FilterPills } from "@/components/ui/filter-pills";
import { RelativeTime } from "@/components/ui/relative-time";

/** A cell: under its column's name in a card (below lg), plain in the table. */
const cellClasses = (extra = "") =>
  `before:mb-1 before:block before:text-xs before:font-medium before:text-zinc-500 before:content-[attr(data-label)] lg:px-3 lg:py-3 lg:before:hidden ${extra}`;

function recipientOf(invite: InviteListItem): string {
  if (invite.email) return invite.email;
  return invite.tokenType === "code" ? "Code" : "Shareable link";
}

/** Expiry matters only while an invitation can still be used, or to explain why it cannot. */
function ExpiryCell({ invite }: { invite: InviteListItem }) {
  if (invite.displayStatus === "pending") return <RelativeTime date={invite.expiresAt} />;
  if (invite.displayStatus === "expired") return <RelativeTime date={invite.expiresAt} prefix="expired" />;
  return <span aria-label="not applicable">—</span>;
}

/** `useCount` is exact; `uses` holds only the first few (the list bounds them for a link used by thousands). */
function UsedBy({ uses, useCount }: { uses: InviteListItem["uses"]; useCount: number }) {
  if (uses.length === 0) return <span aria-label="nobody yet">—</span>;
  const shown = uses.slice(0, 3);
  return (
    <ul className="space-y-1">
      {shown.map((use) => (
        <li key={`${use.user.email}-${String(use.usedAt)}`}>
          <span className="block max-w-48 truncate text-zinc-800" title={use.user.email}>
            {use.user.name}
          </span>
          <span className="block text-xs text-zinc-500">
            <RelativeTime date={use.usedAt} />
          </span>
        </li>
      ))}
      {useCount > shown.length && <li className="text-xs text-zinc-500">and {useCount - shown.length} more</li>}
    </ul>
  );
}

/** The heading of an empty table: what it is empty of, under the filters in use. */
function emptyHeading({ status, q, page }: InvitesQuery): string {
  // An old or hand-edited ?page=: the list is not empty, this page is past its end (issue 16, defect 15).
  if (page > 1) return `Page ${page} is past the end of the list`;
  const which = status ? `${inviteStatusLabels[status].toLowerCase()} ` : "";
  if (q) return `No ${which}invitations match “${q}”`;
  return status ? `No ${which}invitations` : "No invitations here yet";
}

/** `query`: the filters in use, so that an empty filtered list says what it is empty of and how to see the rest. */
export function InvitesTable({ invites, query }: { invites: InviteListItem[]; query: InvitesQuery }) {
  if (invites.length === 0) {
    const filtered = Boolean(query.status || query.q);
    if (query.page > 1) {
      return (
        <div className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
          <h3 className="font-semibold">{emptyHeading(query)}</h3>
          <p className="mt-1 text-sm text-zinc-600">
            <Link href={invitesHref({ ...query, page: 1 })} className="font-semibold text-brand-600 hover:text-brand-700">
              Go to the first page
            </Link>
          </p>
        </div>
      );
    }
    return (
      <div className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
        <h3 className="font-semibold">{emptyHeading(query)}</h3>
        {filtered ? (
          <p className="mt-1 text-sm text-zinc-600">
            <Link href="/dashboard/invites" className="font-semibold text-brand-600 hover:text-brand-700">
              Show all invitations
            </Link>
          </p>
        ) : (
          <p className="mt-1 text-sm text-zinc-600">Invitations you send appear in this table, with who used them and when.</p>
        )}
      </div>
    );
  }
  return (
    // Below lg each row is a card (the cells stacked, each under its column's name), so nothing scrolls sideways on a
    // phone; from lg on, a table that fits the page. No overflow box: the confirmations open over the rows, unclipped.
    <div className="lg:rounded-2xl lg:bg-white lg:ring-1 lg:ring-zinc-200">
      <table className="block w-full text-sm lg:table lg:divide-y lg:divide-zinc-200">
        <thead className="sr-only bg-zinc-50 text-left text-xs font-semibold tracking-wider text-zinc-500 uppercase lg:not-sr-only lg:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-3">
              Recipient
            </th>
            <th scope="col" className="px-3 py-3">
              Role
            </th>
            <th scope="col" className="px-3 py-3">
              Status
            </th>
            <th scope="col" className="px-3 py-3">
              Uses
            </th>
            <th scope="col" className="px-3 py-3">
              Created
            </th>
            <th scope="col" className="px-3 py-3">
              Expires
            </th>
            <th scope="col" className="px-3 py-3">
              Used by
            </th>
            <th scope="col" className="px-3 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-zinc-100">
          {invites.map((invite) => (
            <tr
              key={invite.id}
              data-testid="invite-row"
              className="grid grid-cols-2 gap-x-4 gap-y-3 rounded-2xl bg-white p-4 ring-1 ring-zinc-200 lg:table-row lg:rounded-none lg:p-0 lg:ring-0"
            >
              <td
                className="col-span-2 truncate text-base font-medium text-zinc-900 lg:max-w-52 lg:px-3 lg:py-3 lg:text-sm"
                title={recipientOf(invite)}
              >
                {recipientOf(invite)}
              </td>
              <td data-label="Role" className={cellClasses()}>
                <RoleBadge role={invite.role} />
              </td>
              <td data-label="Status" className={cellClasses()}>
                <InviteStatusBadge status={invite.displayStatus} />
              </td>
              <td data-label="Uses" className={cellClasses("text-zinc-700 tabular-nums")}>
                {invite.useCount}/{invite.maxUses ?? "∞"}
              </td>
              <td data-label="Created" className={cellClasses("whitespace-nowrap text-zinc-600")}>
                <span className="block">
                  <RelativeTime date={invite.createdAt} />
                </span>
                <span className="block text-xs text-zinc-500">by {invite.createdBy.name}</span>
              </td>
              <td data-label="Expires" className={cellClasses("text-zinc-600 lg:whitespace-nowrap")}>
                <ExpiryCell invite={invite} />
              </td>
              <td data-label="Used by" className={cellClasses("text-zinc-600")}>
                <UsedBy uses={invite.uses} useCount={invite.useCount} />
              </td>
              <td className="col-span-2 lg:px-3 lg:py-3 lg:text-right lg:whitespace-nowrap">
                <InviteRowActions
                  id={invite.id}
                  canRevoke={invite.displayStatus === "pending"}
                  canResend={invite.isPrivate && (invite.displayStatus === "pending" || invite.displayStatus === "expired")}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The status filters, each keeping the search in use and starting again at the first page. */
export function InviteFilters({ query }: { query: InvitesQuery }) {
  return (
    <FilterPills
      label="Filter by status"
      filters={[undefined, ...inviteStatusFilters].map((value) => ({
        key: value ?? "all",
        label: value ? inviteStatusLabels[value] : "All",
        href: invitesHref({ status: value, q: query.q, page: 1 }),
        active: value === query.status,
      }))}
    />
  );
}
