"use client";

import { useActionState, useCallback, useState } from "react";
import { idleState } from "@/lib/actions/form-state";
import { cancelInviteAction, type ManageInvitesState, resendInviteAction, restoreInvitesAction } from "@/lib/actions/manage-invites";
import { UNDO_REVOKE_SECONDS } from "@/lib/invitations/revoke-undo";
import { Confirm } from "@/components/ui/confirm";
import { SubmitButton } from "@/components/ui/submit-button";
import { Toast } from "@/components/ui/toast";
import { UndoRevoke } from "@/components/invite/undo-revoke";
import { useLatestOutcome } from "@/components/invite/use-latest-outcome";

const idle: ManageInvitesState = idleState;

/** Revoke and resend, each behind a confirmation that works without JavaScript (a disclosure, then a POST); a revoke's toast offers Undo. */
export function InviteRowActions({ id, canRevoke, canResend }: { id: string; canRevoke: boolean; canResend: boolean }) {
  const [revoked, revokeAction] = useActionState(cancelInviteAction, idle);
  const [resent, resendAction] = useActionState(resendInviteAction, idle);
  const [restored, restoreAction] = useActionState(restoreInvitesAction, idle);
  // The latest answer, until dismissed: each answer is a new object, so a second resend shows its toast again.
  const outcome = useLatestOutcome<ManageInvitesState>([revoked, resent, restored]);
  const [dismissed, setDismissed] = useState<ManageInvitesState | undefined>(undefined);
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
            <p className="mb-2 text-xs text-zinc-600">
              Revoke this invitation? Nobody can use it afterwards; you can undo it for {UNDO_REVOKE_SECONDS / 60} minutes.
            </p>
            <input type="hidden" name="id" value={id} />
            <SubmitButton pendingLabel="Revoking..." className="w-full bg-red-600 px-2 py-1.5 text-xs hover:bg-red-700">
              Confirm revoke
            </SubmitButton>
          </form>
        </Confirm>
      )}
      {outcome?.message && outcome !== dismissed && (
        <Toast message={outcome.message} tone={outcome.status === "error" ? "error" : "success"} onDismiss={dismiss}>
          {outcome.restorable && <UndoRevoke ids={outcome.restorable} action={restoreAction} />}
        </Toast>
      )}
    </div>
  );
}
