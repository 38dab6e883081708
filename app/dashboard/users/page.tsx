import type { Metadata } from "next";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { AdminOnly } from "@/components/admin-only";
import { UsersTable } from "@/components/users/users-table";
import { can } from "@/lib/auth/authorization";
import { getDb } from "@/lib/db";
import { listUsersWithInviters } from "@/lib/invitations/audit";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user } = await requireSession("/dashboard/users");
  if (!can(user, { user: ["list"] })) return <AdminOnly what="see the list of users" />;
  const users = await listUsersWithInviters(getDb());
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-12 sm:px-6">
      <DashboardHeading
        title="Users"
        description="Every account, newest first. Lower someone's role, ban or unban them, or remove their account: each asks you to confirm, and each is kept in the Activity log. A higher role is given by invitation."
      />
      <UsersTable users={users} viewerId={user.id} />
    </div>
  );
}
