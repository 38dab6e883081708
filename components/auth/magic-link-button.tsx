"use client";

import { useActionState } from "react";
import { sendMagicLinkAction } from "@/lib/actions/magic-link";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * A second way to send the sign-in or sign-up form it sits in: its email (and name) go to "email me a link" instead of
 * the password. Sharing the form keeps one email field, fixed to the invitation's address when it has one.
 */
export function MagicLinkButton({ label }: { label: string }) {
  const [state, action, pending] = useActionState(sendMagicLinkAction, idleState);
  const fieldErrors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <div className="space-y-3">
      <p className="flex items-center gap-3 text-xs text-zinc-500 before:h-px before:flex-1 before:bg-zinc-200 after:h-px after:flex-1 after:bg-zinc-200">
        or, without a password
      </p>
      <Button type="submit" formAction={action} variant="secondary" className="w-full" disabled={pending} aria-disabled={pending}>
        {pending ? "Sending the link..." : label}
      </Button>
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      {state.status === "error" && <Alert tone="error">{state.message ?? fieldErrors.join(" ")}</Alert>}
    </div>
  );
}
