import { RoleBadge } from "@/components/role-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserActionsProvider } from "@/components/users/user-actions";
import { UserRowActions, type UserRowChoices } from "@/components/users/user-row-actions";
import { roleNames } from "@/lib/auth/permissions";
import type { UserListItem } from "@/lib/invitations/audit";
import { raiseByInvitationHref, roleChangeDirection } from "@/lib/users/role-change";

/** A cell: under its column's name in a card (below sm), plain in the table. */
const cellClasses = (extra = "") =>
  `min-w-0 before:mb-1 before:block before:text-xs before:font-medium before:text-zinc-500 before:content-[attr(data-label)] sm:px-3 sm:py-3 sm:before:hidden ${extra}`;

/** What the row's actions offer, decided here on the server: the roles below theirs, and invitations to those above. */
function choicesOf(row: UserListItem): UserRowChoices {
  return {
    id: row.id,
    name: row.name,
    banned: row.banned,
    lowerRoles: roleNames.filter((role) => role !== row.role && roleChangeDirection(row.role, role) !== "up").reverse(),
    higherRoles: roleNames
      .filter((role) => roleChangeDirection(row.role, role) === "up")
      .map((role) => ({ role, href: raiseByInvitationHref(row.email, role) })),
  };
}

function BannedBadge({ reason }: { reason: string | null }) {
  return (
    <span className="mt-1 block">
      <span
        data-testid="banned-badge"
        className="inline-flex items-center rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset"
      >
        Banned
      </span>
      {reason && <span className="mt-1 block text-xs break-words text-zinc-600">Reason: {reason}</span>}
    </span>
  );
}

/** Every account, with its role, who invited it, and (for others than oneself) what an admin may do to it. */
export function UsersTable({ users, viewerId }: { users: UserListItem[]; viewerId: string }) {
  return (
    // Below sm each row is a card (the cells stacked, each under its column's name), so nothing scrolls sideways on a
    // phone; from sm on, a table that fits the page. No overflow box: the confirmations open over the rows, unclipped;
    // so nothing inside paints a background, which would cover the box's rounded corners.
    <UserActionsProvider>
      <div className="sm:rounded-2xl sm:bg-white sm:ring-1 sm:ring-zinc-200">
        <table className="block w-full text-sm sm:table sm:divide-y sm:divide-zinc-200">
          <thead className="sr-only text-left text-xs font-semibold tracking-wider text-zinc-500 uppercase sm:not-sr-only sm:table-header-group">
            <tr>
              <th scope="col" className="px-3 py-3">
                User
              </th>
              <th scope="col" className="px-3 py-3">
                Role
              </th>
              <th scope="col" className="px-3 py-3">
                Invited by
              </th>
              <th scope="col" className="px-3 py-3">
                Joined
              </th>
              <th scope="col" className="px-3 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="block space-y-3 sm:table-row-group sm:space-y-0 sm:divide-y sm:divide-zinc-100">
            {users.map((row) => (
              <tr
                key={row.id}
                data-testid="user-row"
                className="relative grid grid-cols-2 gap-x-4 gap-y-3 rounded-2xl bg-white p-4 ring-1 ring-zinc-200 sm:static sm:table-row sm:rounded-none sm:bg-transparent sm:p-0 sm:ring-0"
              >
                <td className="col-span-2 min-w-0 sm:px-3 sm:py-3">
                  <span className="block font-medium break-words text-zinc-900">
                    {row.name}
                    {row.id === viewerId && <span className="font-normal text-zinc-500"> (you)</span>}
                  </span>
                  <span className="block [overflow-wrap:anywhere] text-zinc-600">{row.email}</span>
                </td>
                <td data-label="Role" className={cellClasses()}>
                  <RoleBadge role={row.role} />
                  {row.banned && <BannedBadge reason={row.banReason} />}
                </td>
                <td data-label="Invited by" className={cellClasses("break-words text-zinc-600")}>
                  {row.invitedBy ?? <span aria-label="nobody">—</span>}
                </td>
                <td data-label="Joined" className={cellClasses("text-zinc-600 sm:whitespace-nowrap")}>
                  <RelativeTime date={row.createdAt} />
                </td>
                <td className="col-span-2 sm:px-3 sm:py-3">{row.id !== viewerId && <UserRowActions user={choicesOf(row)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </UserActionsProvider>
  );
}
