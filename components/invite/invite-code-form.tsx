"use client";

import { useActionState } from "react";
import { idleState } from "@/lib/actions/form-state";
import { openInviteCodeAction } from "@/lib/actions/invites";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function InviteCodeForm() {
  const [state, formAction] = useActionState(openInviteCodeAction, idleState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Invitation code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="7KQX2-M9PAR"
        defaultValue={state.values?.code}
        errors={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking...">Continue</SubmitButton>
    </form>
  );
}
