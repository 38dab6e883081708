"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/lib/actions/auth";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { AccountEmailField } from "@/components/auth/account-email-field";
import { TextField } from "@/components/ui/text-field";
import { MagicLinkButton } from "@/components/auth/magic-link-button";
import { TwoFactorForm } from "@/components/auth/two-factor-form";

/** `invitedEmail`: opened from a private invitation, the address it was sent to, filled in and fixed. */
export function SignInForm({ next, invitedEmail }: { next?: string; invitedEmail?: string }) {
  const [state, formAction] = useActionState<SignInState, FormData>(signInAction, idleState);
  if (state.secondFactor) return <TwoFactorForm next={next} />;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      {next && <input type="hidden" name="next" value={next} />}
      <AccountEmailField invitedEmail={invitedEmail} typed={state.values?.email} errors={state.fieldErrors?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Signing in..." className="w-full">
        Sign in
      </SubmitButton>
      <MagicLinkButton label="Email me a sign-in link" />
    </form>
  );
}
