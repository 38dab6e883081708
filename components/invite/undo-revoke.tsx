"use client";

import { useFormStatus } from "react-dom";

/**
 * The Undo of a toast after a revoke: a plain form, so that the page drawn after a revoke without JavaScript offers it
 * too. The revoke has happened; this restores the invitations it ended, if it is still in time.
 */
export function UndoRevoke({ ids, action }: { ids: string[]; action: (formData: FormData) => void }) {
  return (
    <form action={action}>
      {ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      <UndoButton />
    </form>
  );
}

function UndoButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="font-semibold underline underline-offset-2 disabled:opacity-60">
      {pending ? "Undoing..." : "Undo"}
    </button>
  );
}
