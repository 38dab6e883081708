import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SocialSignIn } from "@/components/auth/social-sign-in";
import { SignInLinkError } from "@/components/auth/sign-in-link-error";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getEnv } from "@/lib/env";
import { messageForSignInError } from "@/lib/errors/messages";
import { signInProvidersOf } from "@/lib/auth/sign-in-providers";
import { invitedEmailFor } from "@/lib/invitations/look-up";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { seedAccounts } from "@/lib/auth/seed";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const next = safeRedirectPath(params.next, "");
  const [session, invitedEmail] = await Promise.all([getSession(), next ? invitedEmailFor(next) : null]);
  if (session) redirect(next || "/dashboard");
  const env = getEnv();
  const demoAccounts = env.isDevelopment ? seedAccounts(env) : [];
  // Back from a provider's sign-in that did not work (lib/actions/social-sign-in.ts sends it here). A failed sign-in
  // link's code is Better Auth's, not the invite plugin's (both have an INVALID_TOKEN): SignInLinkError says it.
  const signInError = params.via === "magic-link" ? null : messageForSignInError(params.error);
  const signUpHref = next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up";
  return (
    <>
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600">
          {next.startsWith("/invite/") ? "Sign in to accept your invitation." : "Welcome back. Sign in to see your dashboard and role."}
        </p>
        <SignInLinkError via={params.via} error={params.error} />
        {params.demo === "failed" && (
          <div className="mb-5">
            <Alert tone="error">That demo account no longer has its seeded password. Sign in with the form instead.</Alert>
          </div>
        )}
        {signInError && (
          <div className="mb-5">
            <Alert tone="error">{signInError}</Alert>
          </div>
        )}
        <div className="mb-6 empty:hidden">
          <SocialSignIn providers={signInProvidersOf(env)} next={next || undefined} from="sign-in" />
        </div>
        <SignInForm next={next || undefined} invitedEmail={invitedEmail ?? undefined} />
        <p className="mt-6 text-center text-sm text-zinc-600">
          No account yet?{" "}
          <Link href={signUpHref} className="font-semibold text-brand-600 hover:text-brand-700">
            Create one
          </Link>
        </p>
      </Card>
      {demoAccounts.length > 0 && <DemoAccounts accounts={demoAccounts} next={next || undefined} />}
    </>
  );
}
