import type { Metadata } from "next";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { TwoFactorSettings } from "@/components/security/two-factor-settings";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Security" };

/** Two-factor authentication for the signed-in account: turn it on (and confirm it with a first code), or off. */
export default async function SecurityPage({ searchParams }: PageProps<"/dashboard/security">) {
  const { user } = await requireSession("/dashboard/security");
  const params = await searchParams;
  const enabled = user.twoFactorEnabled === true;
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-12 sm:px-6">
      <DashboardHeading title="Security" description="How you sign in to Invite Kit." />
      {params.enabled === "1" && enabled && <Alert tone="success">Two-factor authentication is on: sign-in now asks for a code.</Alert>}
      {params.disabled === "1" && !enabled && <Alert tone="info">Two-factor authentication is off.</Alert>}
      <Card className="space-y-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">Two-factor authentication</h2>
          <span
            data-testid="two-factor-status"
            className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${enabled ? "bg-emerald-50 text-emerald-700 ring-emerald-200" : "bg-zinc-100 text-zinc-700 ring-zinc-200"}`}
          >
            {enabled ? "On" : "Off"}
          </span>
        </div>
        <p className="text-sm text-zinc-600">
          {enabled
            ? "Signing in with your password also asks for a code from your authenticator app, or a backup code. Sign-in links by email are off for your account."
            : "Add a code from an authenticator app (such as 1Password, Google Authenticator or Aegis) to signing in with your password."}
        </p>
        <TwoFactorSettings enabled={enabled} />
      </Card>
    </div>
  );
}
