import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";
import { invitedEmailFor } from "@/lib/invitations/look-up";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const params = await searchParams;
  const next = safeRedirectPath(params.next, "");
  const [session, invitedEmail] = await Promise.all([getSession(), next ? invitedEmailFor(next) : null]);
  if (session) redirect(next || "/dashboard");
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  return (
    <Card>
      <h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        {next.startsWith("/invite/")
          ? "Create your account, then your invitation's role is yours."
          : "New accounts start with the user role; invitations grant more."}
      </p>
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
