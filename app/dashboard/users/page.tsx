import type { Metadata } from "next";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { AdminOnly } from "@/components/admin-only";
import { RoleBadge } from "@/components/role-badge";
import { can } from "@/lib/auth/authorization";
import { getDb } from "@/lib/db";
import { listUsersWithInviters } from "@/lib/invitations/audit";
import { requireSession } from "@/lib/auth/session";
import { relativeTime } from "@/lib/time";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user } = await requireSession("/dashboard/users");
  if (!can(user, { user: ["list"] })) return <AdminOnly what="see the list of users" />;
  const users = await listUsersWithInviters(getDb());
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-12 sm:px-6">
      <DashboardHeading title="Users" />
      {/* A scroll box a keyboard can reach and scroll (until the table becomes cards on a phone). */}
      <div role="region" aria-label="Users" tabIndex={0} className="relative overflow-x-auto rounded-2xl bg-white ring-1 ring-zinc-200">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <thead className="bg-zinc-50 text-left text-xs font-semibold tracking-wider text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Email
              </th>
              <th scope="col" className="px-4 py-3">
                Role
              </th>
              <th scope="col" className="px-4 py-3">
                Invited by
              </th>
              <th scope="col" className="px-4 py-3">
                Joined
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {users.map((row) => (
              <tr key={row.id} data-testid="user-row">
                <td className="px-4 py-3 font-medium text-zinc-900">{row.name}</td>
                <td className="px-4 py-3 text-zinc-700">{row.email}</td>
                <td className="px-4 py-3">
                  <RoleBadge role={row.role} />
                </td>
                <td className="px-4 py-3 text-zinc-600">{row.invitedBy ?? "—"}</td>
                <td className="px-4 py-3 text-zinc-600">{relativeTime(row.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
