"use client";

import { useActionState } from "react";
import { signUpAction } from "@/lib/actions/auth";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { AccountEmailField } from "@/components/auth/account-email-field";
import { TextField } from "@/components/ui/text-field";
import { MagicLinkButton } from "@/components/auth/magic-link-button";

/** `invitedEmail`: opened from a private invitation, the address it was sent to, filled in and fixed. */
export function SignUpForm({ next, invitedEmail }: { next?: string; invitedEmail?: string }) {
  const [state, formAction] = useActionState(signUpAction, idleState);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      {next && <input type="hidden" name="next" value={next} />}
      <TextField label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <AccountEmailField invitedEmail={invitedEmail} typed={state.values?.email} errors={state.fieldErrors?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating account..." className="w-full">
        Create account
      </SubmitButton>
      <MagicLinkButton label="Email me a sign-up link" />
    </form>
  );
}
