import type { Metadata } from "next";
import { RoleBadge } from "@/components/role-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Role upgraded" };

/** Where an accepted invitation lands by default. */
export default async function RoleUpgradedPage() {
  const { user } = await requireSession("/dashboard/role-upgraded");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6">
      <Card className="text-center">
        <h1 className="text-2xl font-bold tracking-tight">Your invitation is accepted</h1>
        <p className="mt-3 text-zinc-600">
          Your role is now <RoleBadge role={user.role} />
        </p>
        <ButtonLink href="/dashboard" className="mt-8">
          Go to Dashboard
        </ButtonLink>
      </Card>
    </div>
  );
}
