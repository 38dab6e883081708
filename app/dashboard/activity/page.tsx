import type { Metadata } from "next";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { AdminOnly } from "@/components/admin-only";
import { RoleBadge } from "@/components/role-badge";
import { can } from "@/lib/authorization";
import { getDb } from "@/lib/db";
import { listRoleGrants } from "@/lib/queries/audit";
import { requireSession } from "@/lib/session";
import { relativeTime } from "@/lib/time";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const { user } = await requireSession("/dashboard/activity");
  if (!can(user, { user: ["list"] })) return <AdminOnly what="read the audit trail" />;
  const grants = await listRoleGrants(getDb());
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-12 sm:px-6">
      <DashboardHeading title="Activity" description="Every role granted through an invitation: who granted it, to whom, and when." />
      {grants.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">
          No invitation has been accepted yet.
        </div>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-2xl bg-white ring-1 ring-zinc-200">
          {grants.map((grant) => (
            <li key={grant.id} data-testid="grant" className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <span className="text-zinc-800">
                <strong className="font-semibold">{grant.inviterName}</strong> granted <RoleBadge role={grant.newRole} /> to{" "}
                <strong className="font-semibold">{grant.inviteeName}</strong> <span className="text-zinc-500">({grant.inviteeEmail})</span>
                {grant.previousRole && grant.previousRole !== grant.newRole && (
                  <span className="text-zinc-500"> — was {grant.previousRole}</span>
                )}
              </span>
              <time dateTime={grant.usedAt.toISOString()} className="text-xs text-zinc-500">
                {relativeTime(grant.usedAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
