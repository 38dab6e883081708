import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { InviteRowActions } from "@/components/invite/invite-row-actions";
import { InviteStatusBadge } from "@/components/invite/invite-status-badge";
import { BULK_FORM_ID } from "@/components/invite/invite-bulk-bar";
import { isRoleName, roleLabels } from "@/lib/auth/permissions";
import type { InviteListItem } from "@/lib/invitations/list";
import {
  type InviteSort,
  invitesHref,
  inviteStatusFilters,
  inviteStatusLabels,
  type InvitesQuery,
  nextDirection,
  orderOf,
  sortHref,
} from "@/lib/invitations/list-query";
import { FilterPills } from "@/components/ui/filter-pills";
import { RelativeTime } from "@/components/ui/relative-time";

/** A cell: under its column's name in a card (below lg), plain in the table. */
const cellClasses = (extra = "") =>
  `before:mb-1 before:block before:text-xs before:font-medium before:text-zinc-500 before:content-[attr(data-label)] lg:px-3 lg:py-3 lg:before:hidden ${extra}`;

function recipientOf(invite: InviteListItem): string {
  if (invite.email) return invite.email;
  return invite.tokenType === "code" ? "Code" : "Shareable link";
}

/** What can be done to a row: what its buttons offer, and whether it gets a checkbox for the bulk bar. */
export function rowActions(invite: InviteListItem): { canRevoke: boolean; canResend: boolean } {
  return {
    canRevoke: invite.displayStatus === "pending",
    canResend: invite.isPrivate && (invite.displayStatus === "pending" || invite.displayStatus === "expired"),
  };
}

const isActionable = (invite: InviteListItem) => {
  const { canRevoke, canResend } = rowActions(invite);
  return canRevoke || canResend;
};

/** The ids the bulk bar's "Select all on this page" stands for. */
export function actionableIds(invites: InviteListItem[]): string[] {
  return invites.filter(isActionable).map((invite) => invite.id);
}

/** The checkbox's name for a screen reader: which invitation it selects, by address, or by kind and role. */
function selectLabel(invite: InviteListItem): string {
  const role = isRoleName(invite.role) ? roleLabels[invite.role] : invite.role;
  if (invite.email) return `Select the invitation to ${invite.email} (${role})`;
  return `Select the ${invite.tokenType === "code" ? "code" : "shareable link"} for ${role}`;
}

const sortWords: Record<InviteSort, { asc: string; desc: string }> = {
  created: { asc: "oldest first", desc: "newest first" },
  expires: { asc: "soonest expiry first", desc: "latest expiry first" },
};

/**
 * A sortable column's header: a link to the table in the other direction (a plain GET, so it works without
 * JavaScript), with aria-sort saying the current one. Below lg the header row is for screen readers only, so the link
 * is hidden there (no invisible focus stop): InviteSortPills sorts the cards.
 */
function SortHeader({ sort, label, query }: { sort: InviteSort; label: string; query: InvitesQuery }) {
  const current = orderOf(query);
  const active = current.sort === sort;
  const next = nextDirection(query, sort);
  return (
    <th scope="col" className="px-3 py-3" aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : undefined}>
      <span className="lg:hidden">{label}</span>
      <Link
        href={sortHref(query, sort)}
        className="hidden items-center gap-1 rounded uppercase hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 lg:inline-flex"
      >
        {label}
        <span aria-hidden className={active ? "text-zinc-800" : "text-zinc-300"}>
          {active && current.dir === "asc" ? "▲" : "▼"}
        </span>
        <span className="sr-only">, sort {sortWords[sort][next]}</span>
      </Link>
    </th>
  );
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
            <SortHeader sort="created" label="Created" query={query} />
            <SortHeader sort="expires" label="Expires" query={query} />
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
              <td className="col-span-2 text-base font-medium text-zinc-900 lg:max-w-56 lg:px-3 lg:py-3 lg:text-sm">
                <span className="flex items-center gap-3">
                  {isActionable(invite) ? (
                    // In the bulk form by its id: the row's own buttons are forms of their own, and forms do not nest.
                    <input
                      type="checkbox"
                      form={BULK_FORM_ID}
                      name="ids"
                      value={invite.id}
                      aria-label={selectLabel(invite)}
                      className="size-4 shrink-0 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                    />
                  ) : (
                    <span aria-hidden className="size-4 shrink-0" />
                  )}
                  <span className="truncate" title={recipientOf(invite)}>
                    {recipientOf(invite)}
                  </span>
                </span>
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
                <InviteRowActions id={invite.id} {...rowActions(invite)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The status filters, each keeping the search and the order in use and starting again at the first page. */
export function InviteFilters({ query }: { query: InvitesQuery }) {
  return (
    <FilterPills
      label="Filter by status"
      filters={[undefined, ...inviteStatusFilters].map((value) => ({
        key: value ?? "all",
        label: value ? inviteStatusLabels[value] : "All",
        href: invitesHref({ ...query, status: value, page: 1 }),
        active: value === query.status,
      }))}
    />
  );
}

const sortChoices = [
  { sort: "created", dir: "desc", label: "Newest" },
  { sort: "created", dir: "asc", label: "Oldest" },
  { sort: "expires", dir: "asc", label: "Expiring soonest" },
  { sort: "expires", dir: "desc", label: "Expiring last" },
] as const;

/** The order of the cards below lg, where the table's header row is not shown: the same links as its headers. */
export function InviteSortPills({ query }: { query: InvitesQuery }) {
  const current = orderOf(query);
  return (
    <div className="lg:hidden">
      <FilterPills
        label="Sort invitations"
        filters={sortChoices.map((choice) => ({
          key: `${choice.sort}-${choice.dir}`,
          label: choice.label,
          href: invitesHref({ ...query, sort: choice.sort, dir: choice.dir, page: 1 }),
          active: current.sort === choice.sort && current.dir === choice.dir,
        }))}
      />
    </div>
  );
}
