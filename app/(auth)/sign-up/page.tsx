import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { SocialSignIn } from "@/components/auth/social-sign-in";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { invitedEmailFor } from "@/lib/invitations/look-up";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getSession } from "@/lib/auth/session";
import { signInProvidersOf } from "@/lib/auth/sign-in-providers";
import { getEnv } from "@/lib/env";
import { messageForSignInError } from "@/lib/errors/messages";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const params = await searchParams;
  const next = safeRedirectPath(params.next, "");
  const [session, invitedEmail] = await Promise.all([getSession(), next ? invitedEmailFor(next) : null]);
  if (session) redirect(next || "/dashboard");
  // Back from a provider's sign-up that did not work (lib/actions/social-sign-in.ts sends it here).
  const signInError = messageForSignInError(params.error);
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  return (
    <Card>
      <h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        {next.startsWith("/invite/")
          ? "Create your account, then your invitation's role is yours."
          : "New accounts start with the user role; invitations grant more."}
      </p>
      {signInError && (
        <div className="mb-5">
          <Alert tone="error">{signInError}</Alert>
        </div>
      )}
      <div className="mb-6 empty:hidden">
        <SocialSignIn providers={signInProvidersOf(getEnv())} next={next || undefined} from="sign-up" />
      </div>
      <SignUpForm next={next || undefined} invitedEmail={invitedEmail ?? undefined} />
      <p className="mt-6 text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href={signInHref} className="font-semibold text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
