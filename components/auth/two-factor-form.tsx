"use client";

import Link from "next/link";
import { useActionState } from "react";
import { secondFactorAction } from "@/lib/actions/two-factor";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

/** The second step of signing in, after a right password: the code from the authenticator app, or a backup code. */
export function TwoFactorForm({ next }: { next?: string }) {
  const [state, formAction] = useActionState(secondFactorAction, idleState);
  const startAgain = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <Alert tone="info">
        Your account uses two-factor authentication. Enter the 6-digit code your authenticator app shows, or one of your backup codes.
      </Alert>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      {next && <input type="hidden" name="next" value={next} />}
      <TextField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        errors={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking..." className="w-full">
        Verify and sign in
      </SubmitButton>
      <p className="text-center text-sm text-zinc-600">
        <Link href={startAgain} className="font-semibold text-brand-600 hover:text-brand-700">
          Start again with your password
        </Link>
      </p>
    </form>
  );
}
