"use client";

import { useActionState } from "react";
import { idleState } from "@/lib/actions/form-state";
import { cancelInviteAction, resendInviteAction } from "@/lib/actions/manage-invites";
import { SubmitButton } from "@/components/ui/submit-button";

/** Revoke and resend, each behind a confirmation that works without JavaScript (a disclosure, then a POST). */
export function InviteRowActions({ id, canRevoke, canResend }: { id: string; canRevoke: boolean; canResend: boolean }) {
  const [revoked, revokeAction] = useActionState(cancelInviteAction, idleState);
  const [resent, resendAction] = useActionState(resendInviteAction, idleState);
  const outcome = revoked.message ? revoked : resent;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-col items-end gap-1.5">
        {canResend && (
          <details className="relative">
            <summary className="cursor-pointer list-none text-xs font-semibold text-brand-600 hover:text-brand-700">Resend</summary>
            <form
              action={resendAction}
              className="absolute right-0 z-10 mt-1 w-56 rounded-lg bg-white p-3 text-left shadow-lg ring-1 ring-zinc-200"
            >
              <p className="mb-2 text-xs text-zinc-600">Send a new link? The current one stops working.</p>
              <input type="hidden" name="id" value={id} />
              <SubmitButton pendingLabel="Sending..." className="w-full px-2 py-1.5 text-xs">
                Confirm resend
              </SubmitButton>
            </form>
          </details>
        )}
        {canRevoke && (
          <details className="relative">
            <summary className="cursor-pointer list-none text-xs font-semibold text-red-600 hover:text-red-700">Revoke</summary>
            <form
              action={revokeAction}
              className="absolute right-0 z-10 mt-1 w-56 rounded-lg bg-white p-3 text-left shadow-lg ring-1 ring-zinc-200"
            >
              <p className="mb-2 text-xs text-zinc-600">Revoke this invitation? Nobody can use it afterwards.</p>
              <input type="hidden" name="id" value={id} />
              <SubmitButton pendingLabel="Revoking..." className="w-full bg-red-600 px-2 py-1.5 text-xs hover:bg-red-700">
                Confirm revoke
              </SubmitButton>
            </form>
          </details>
        )}
      </div>
      {outcome.message && (
        <p
          role={outcome.status === "error" ? "alert" : "status"}
          className={`text-xs ${outcome.status === "error" ? "text-red-600" : "text-emerald-700"}`}
        >
          {outcome.message}
        </p>
      )}
    </div>
  );
}
