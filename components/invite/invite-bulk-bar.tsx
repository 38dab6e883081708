"use client";

import { useActionState, useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { idleState } from "@/lib/actions/form-state";
import { bulkManageInvitesAction, type ManageInvitesState, restoreInvitesAction } from "@/lib/actions/manage-invites";
import { UNDO_REVOKE_SECONDS } from "@/lib/invitations/revoke-undo";
import { Confirm } from "@/components/ui/confirm";
import { SubmitButton } from "@/components/ui/submit-button";
import { Toast } from "@/components/ui/toast";
import { UndoRevoke } from "@/components/invite/undo-revoke";
import { useLatestOutcome } from "@/components/invite/use-latest-outcome";

/** The bulk form's id: each row's checkbox names it in `form=`, since the rows already hold forms of their own. */
export const BULK_FORM_ID = "invite-bulk";

const idle: ManageInvitesState = idleState;

const invitations = (count: number | null) =>
  count === null ? "the selected invitations" : count === 1 ? "1 invitation" : `${count} invitations`;

/**
 * "Select all on this page", how many are ticked, and Revoke selected / Resend selected, each behind a confirmation
 * naming how many. Without JavaScript the form still posts the ticked rows (and "all" posts the page's ids); the
 * count is then said by the answer instead of the confirmation. Drawn on every page of the table, even one with
 * nothing left to select, since its toast (and the Undo in it) must outlive the rows it revoked.
 */
export function InviteBulkBar({ pageIds }: { pageIds: string[] }) {
  const [managed, manageAction] = useActionState(bulkManageInvitesAction, idle);
  const [restored, restoreAction] = useActionState(restoreInvitesAction, idle);
  const outcome = useLatestOutcome<ManageInvitesState>([managed, restored]);
  const [dismissed, setDismissed] = useState<ManageInvitesState | undefined>(undefined);
  const dismiss = useCallback(() => setDismissed(outcome), [outcome]);

  const form = useRef<HTMLFormElement>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  const rowBoxes = useCallback(
    () =>
      Array.from(form.current?.elements ?? []).filter(
        (element): element is HTMLInputElement => element instanceof HTMLInputElement && element.name === "ids",
      ),
    [],
  );
  // The ticks live in the DOM (plain checkboxes, which work without JavaScript): read from there, and null on the
  // server, which cannot know what will be ticked.
  const subscribe = useCallback(
    (notify: () => void) => {
      // The rows' checkboxes are in the table, not in this form's subtree: their changes are heard on the document.
      const onChange = (event: Event) => {
        const target = event.target;
        if (!(target instanceof HTMLInputElement) || target.form !== form.current) return;
        if (target === selectAll.current) for (const box of rowBoxes()) box.checked = target.checked;
        notify();
      };
      // A reset fires before the boxes are cleared: counted once it has happened.
      const onReset = () => setTimeout(notify);
      document.addEventListener("change", onChange);
      form.current?.addEventListener("reset", onReset);
      return () => {
        document.removeEventListener("change", onChange);
        form.current?.removeEventListener("reset", onReset);
      };
    },
    [rowBoxes],
  );
  const count = useSyncExternalStore(
    subscribe,
    () => rowBoxes().filter((box) => box.checked).length,
    () => null,
  );

  // "Select all" shows whether all, some or none are ticked.
  useEffect(() => {
    const boxes = rowBoxes();
    if (!selectAll.current || count === null) return;
    selectAll.current.checked = boxes.length > 0 && count === boxes.length;
    selectAll.current.indeterminate = count > 0 && count < boxes.length;
  }, [count, rowBoxes, pageIds]);

  // Done: the ticks are cleared, so that a second press does not act on rows already changed.
  useEffect(() => {
    if (managed.status === "success") form.current?.reset();
  }, [managed]);

  const nothingTicked = count === 0;
  return (
    <>
      {pageIds.length > 0 && (
        <form
          ref={form}
          id={BULK_FORM_ID}
          action={manageAction}
          aria-label="Selected invitations"
          className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl bg-white px-4 py-3 text-sm ring-1 ring-zinc-200"
        >
          {pageIds.map((id) => (
            <input key={id} type="hidden" name="pageIds" value={id} />
          ))}
          <label className="flex items-center gap-2 font-medium text-zinc-800">
            <input
              ref={selectAll}
              type="checkbox"
              name="all"
              value="page"
              className="size-4 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            />
            Select all on this page
          </label>
          <p aria-live="polite" className="text-zinc-600">
            {count === null ? "Tick invitations to revoke or resend them together." : `${count} selected`}
          </p>
          <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
            <Confirm label="Resend selected" tone="brand">
              {nothingTicked ? (
                <p className="text-xs text-zinc-600">Tick the invitations to resend first.</p>
              ) : (
                <>
                  <p className="mb-2 text-xs text-zinc-600">
                    Send {invitations(count)} again, each with a new link? Only pending invitations sent to an address are resent; shareable
                    links and codes are skipped.
                  </p>
                  <SubmitButton name="intent" value="resend" pendingLabel="Sending..." className="w-full px-2 py-1.5 text-xs">
                    Resend {invitations(count)}
                  </SubmitButton>
                </>
              )}
            </Confirm>
            <Confirm label="Revoke selected" tone="red" align="end">
              {nothingTicked ? (
                <p className="text-xs text-zinc-600">Tick the invitations to revoke first.</p>
              ) : (
                <>
                  <p className="mb-2 text-xs text-zinc-600">
                    Revoke {invitations(count)}? Nobody can use them afterwards; you can undo it for {UNDO_REVOKE_SECONDS / 60} minutes.
                  </p>
                  <SubmitButton
                    name="intent"
                    value="revoke"
                    pendingLabel="Revoking..."
                    className="w-full bg-red-600 px-2 py-1.5 text-xs hover:bg-red-700"
                  >
                    Revoke {invitations(count)}
                  </SubmitButton>
                </>
              )}
            </Confirm>
          </div>
        </form>
      )}
      {/* Outside the form: its Undo is a form of its own, and forms do not nest. */}
      {outcome?.message && outcome !== dismissed && (
        <Toast message={outcome.message} tone={outcome.status === "error" ? "error" : "success"} onDismiss={dismiss}>
          {outcome.restorable && <UndoRevoke ids={outcome.restorable} action={restoreAction} />}
        </Toast>
      )}
    </>
  );
}
