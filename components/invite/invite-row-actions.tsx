"use client";

import { useActionState, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { idleState } from "@/lib/actions/form-state";
import { cancelInviteAction, resendInviteAction } from "@/lib/actions/manage-invites";
import { SubmitButton } from "@/components/ui/submit-button";
import { Toast } from "@/components/ui/toast";

/** Revoke and resend, each behind a confirmation that works without JavaScript (a disclosure, then a POST). */
export function InviteRowActions({ id, canRevoke, canResend }: { id: string; canRevoke: boolean; canResend: boolean }) {
  const [revoked, revokeAction] = useActionState(cancelInviteAction, idleState);
  const [resent, resendAction] = useActionState(resendInviteAction, idleState);
  // The latest answer, until dismissed: each answer is a new object, so a second resend shows its toast again.
  const outcome = revoked.message ? revoked : resent;
  const [dismissed, setDismissed] = useState<FormState | null>(null);
  const dismiss = useCallback(() => setDismissed(outcome), [outcome]);
  return (
    <div className="flex flex-wrap items-center gap-2 lg:justify-end">
      {canResend && (
        <Confirm label="Resend" tone="brand">
          <form action={resendAction}>
            <p className="mb-2 text-xs text-zinc-600">
              Send a new link? The current one stops working; the new one lasts as long as the first did.
            </p>
            <input type="hidden" name="id" value={id} />
            <SubmitButton pendingLabel="Sending..." className="w-full px-2 py-1.5 text-xs">
              Confirm resend
            </SubmitButton>
          </form>
        </Confirm>
      )}
      {canRevoke && (
        <Confirm label="Revoke" tone="red">
          <form action={revokeAction}>
            <p className="mb-2 text-xs text-zinc-600">Revoke this invitation? Nobody can use it afterwards.</p>
            <input type="hidden" name="id" value={id} />
            <SubmitButton pendingLabel="Revoking..." className="w-full bg-red-600 px-2 py-1.5 text-xs hover:bg-red-700">
              Confirm revoke
            </SubmitButton>
          </form>
        </Confirm>
      )}
      {outcome.message && outcome !== dismissed && (
        <Toast message={outcome.message} tone={outcome.status === "error" ? "error" : "success"} onDismiss={dismiss} />
      )}
    </div>
  );
}

/**
 * A button that opens its confirmation over the rows. `name` makes the disclosures of the page exclusive (opening
 * one closes the other) without JavaScript; with it, Escape closes it and gives focus back to its button.
 */
function Confirm({ label, tone, children }: { label: string; tone: "brand" | "red"; children: ReactNode }) {
  const disclosure = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const details = disclosure.current;
      if (event.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <details ref={disclosure} name="invite-row-action" className="relative">
      <summary
        className={`cursor-pointer list-none rounded-md px-2 py-1 text-xs font-semibold ring-1 ring-inset [&::-webkit-details-marker]:hidden ${
          tone === "red" ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-brand-700 ring-brand-100 hover:bg-brand-50"
        }`}
      >
        {label}
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-64 rounded-lg bg-white p-3 text-left whitespace-normal shadow-lg ring-1 ring-zinc-200 lg:right-0 lg:left-auto">
        {children}
      </div>
    </details>
  );
}
