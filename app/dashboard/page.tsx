import type { Metadata } from "next";
import Link from "next/link";
import { AbilityList } from "@/components/ability-list";
import { ResendVerification } from "@/components/auth/resend-verification";
import { InviteFunnel } from "@/components/dashboard/invite-funnel";
import { RoleBadge } from "@/components/role-badge";
import { SignOutButton } from "@/components/sign-out-button";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { can } from "@/lib/auth/authorization";
import { abilitiesOf, isRoleName } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { user } = await requireSession("/dashboard");
  const abilities = isRoleName(user.role) ? abilitiesOf(user.role) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-12 sm:px-6">
      <div>
        <p className="text-sm text-zinc-500">Dashboard</p>
        <h1 className="text-3xl font-bold tracking-tight">Hello, {user.name}</h1>
      </div>
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <dl className="grid gap-4 sm:grid-cols-[auto_1fr] sm:gap-x-8">
            <dt className="text-sm font-medium text-zinc-500">Name</dt>
            <dd className="text-sm text-zinc-900" data-testid="user-name">
              {user.name}
            </dd>
            <dt className="text-sm font-medium text-zinc-500">Email</dt>
            <dd className="space-y-2 text-sm text-zinc-900">
              <span className="flex flex-wrap items-center gap-2">
                <span data-testid="user-email">{user.email}</span>
                {user.emailVerified ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                    Verified
                  </span>
                ) : (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
                    Not verified
                  </span>
                )}
              </span>
              {!user.emailVerified && <ResendVerification />}
            </dd>
            <dt className="text-sm font-medium text-zinc-500">Role</dt>
            <dd>
              <RoleBadge role={user.role} />
            </dd>
            <dt className="text-sm font-medium text-zinc-500">Two-factor</dt>
            <dd className="text-sm text-zinc-900">
              {user.twoFactorEnabled ? "On" : "Off"} ·{" "}
              <Link href="/dashboard/security" className="font-semibold text-brand-600 hover:text-brand-700">
                Security settings
              </Link>
            </dd>
          </dl>
          <SignOutButton />
        </div>
      </Card>
      {can(user, { invite: ["create"] }) && (
        <Card className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <h2 className="font-semibold">Invitations</h2>
            <p className="mt-1 text-sm text-zinc-600">Give someone a role: send a private invitation, or share a link or a code.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/dashboard/invites">Invite people</ButtonLink>
            <ButtonLink href="/dashboard/users" variant="secondary">
              Users
            </ButtonLink>
            <ButtonLink href="/dashboard/activity" variant="secondary">
              Activity
            </ButtonLink>
          </div>
          <InviteFunnel />
        </Card>
      )}
      <Card>
        <h2 className="font-semibold">What your role can do</h2>
        {abilities.length > 0 ? (
          <AbilityList abilities={abilities} className="mt-3" />
        ) : (
          <p className="mt-3 text-sm text-zinc-600">Your account has no role with permissions yet. Ask an admin for an invitation.</p>
        )}
      </Card>
    </div>
  );
}
