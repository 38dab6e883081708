import type { Metadata } from "next";
import { AbilityList } from "@/components/ability-list";
import { RoleBadge } from "@/components/role-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isRoleName } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { joinedThroughInvitation, roleWelcome } from "@/lib/invitations/role-welcome";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Role upgraded" };

/** Where an accepted invitation lands by default: what the new role means, from the role itself. */
export default async function RoleUpgradedPage() {
  const { user } = await requireSession("/dashboard/role-upgraded");
  const role = user.role;
  const welcome = isRoleName(role)
    ? roleWelcome({ name: user.name, role }, await joinedThroughInvitation(getDb(), { id: user.id, createdAt: user.createdAt }))
    : null;
  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6">
      <Card className="text-center">
        <div className="mx-auto mb-4 grid size-12 place-items-center rounded-full bg-emerald-50 text-2xl text-emerald-600" aria-hidden>
          ✓
        </div>
        <h1 className="text-2xl font-bold tracking-tight">{welcome?.title ?? "Your role has changed"}</h1>
        {welcome && (
          <p data-testid="welcome-greeting" className="mt-2 font-medium text-zinc-800">
            {welcome.greeting}
          </p>
        )}
        <p className="mt-2 text-zinc-600">{welcome?.description ?? "Your account now has a new role."}</p>
        <p className="mt-4 text-sm text-zinc-600">
          Your role: <RoleBadge role={user.role} />
        </p>
        {welcome && <AbilityList abilities={welcome.abilities} label="What you can do now" className="mx-auto mt-6 max-w-xs text-left" />}
        <ButtonLink href="/dashboard" className="mt-8">
          Go to Dashboard
        </ButtonLink>
      </Card>
    </div>
  );
}
