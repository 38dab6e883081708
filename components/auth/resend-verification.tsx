"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/lib/actions/auth";
import { idleState } from "@/lib/actions/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/** `next`: where the emailed link leads once the address is verified (the dashboard otherwise). */
export function ResendVerification({ next }: { next?: string }) {
  const [state, formAction] = useActionState(resendVerificationAction, idleState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton variant="secondary" pendingLabel="Sending..." className="px-3 py-1.5 text-xs">
        Send a new verification link
      </SubmitButton>
      {state.message && (
        <p
          role={state.status === "error" ? "alert" : "status"}
          className={`text-xs ${state.status === "error" ? "text-red-600" : "text-emerald-700"}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
