"use client";

import { useActionState, useEffect, useRef } from "react";
import { idleState } from "@/lib/actions/form-state";
import { openInviteCodeAction } from "@/lib/actions/invites";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

/**
 * The code field. `refused`: why the code in the page's address was not accepted, said here, on a field to try again
 * (a wrong code is never a dead end). Any error is announced (role="alert") and puts the focus back in the field.
 */
export function InviteCodeForm({ code, refused }: { code?: string; refused?: string }) {
  const [state, formAction] = useActionState(openInviteCodeAction, idleState);
  const field = useRef<HTMLInputElement>(null);
  const sent = state !== idleState;
  const answered = state.fieldErrors?.code ?? (state.message ? [state.message] : undefined);
  const errors = sent ? answered : refused ? [refused] : undefined;
  useEffect(() => {
    if (state.status === "error") field.current?.select();
  }, [state]);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {errors && (
        <div id="invite-code-error">
          <Alert tone="error">{errors.join(" ")}</Alert>
        </div>
      )}
      <TextField
        ref={field}
        label="Invitation code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="7KQX2-M9PAR"
        // Without JavaScript too: a page that answers a wrong code opens with the field focused.
        autoFocus={Boolean(errors)}
        defaultValue={sent ? state.values?.code : code}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? "invite-code-error" : undefined}
      />
      <SubmitButton pendingLabel="Checking...">Continue</SubmitButton>
    </form>
  );
}
