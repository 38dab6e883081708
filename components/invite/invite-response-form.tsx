"use client";

import { useActionState } from "react";
import { acceptInviteAction, declineInviteAction } from "@/lib/actions/invites";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Accept (and, for a private invitation, decline): POSTs, so opening the page changes nothing. */
export function InviteResponseForm({ token, roleLabel, canDecline }: { token: string; roleLabel: string; canDecline: boolean }) {
  const [accepted, acceptAction] = useActionState(acceptInviteAction, idleState);
  const [declined, declineAction] = useActionState(declineInviteAction, idleState);
  if (declined.status === "success") return <Alert tone="info">{declined.message}</Alert>;
  const error = accepted.status === "error" ? accepted.message : declined.status === "error" ? declined.message : undefined;
  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <form action={acceptAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingLabel="Accepting...">Accept as {roleLabel}</SubmitButton>
        </form>
        {canDecline && (
          <form action={declineAction}>
            <input type="hidden" name="token" value={token} />
            <SubmitButton variant="secondary" pendingLabel="Declining...">
              Decline
            </SubmitButton>
          </form>
        )}
      </div>
    </div>
  );
}
