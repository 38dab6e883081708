"use client";

import { createContext, use, useActionState, useCallback, useState, type ReactNode } from "react";
import { Toast } from "@/components/ui/toast";
import { idleState, type FormState } from "@/lib/actions/form-state";
import { manageUserAction } from "@/lib/actions/users";

type Dispatch = (formData: FormData) => void;

const ActionContext = createContext<Dispatch | null>(null);

/** An answer in one sentence: its message, or its field errors (a reason too long) when it has none. */
function sentenceOf(state: FormState): string | undefined {
  return (
    state.message ??
    (Object.values(state.fieldErrors ?? {})
      .flat()
      .join(" ") ||
      undefined)
  );
}

/**
 * The table's one action and its outcome, held above the rows: a removed account's row goes, and its toast must
 * outlive it. Without JavaScript the server draws the same toast after the form posts.
 */
export function UserActionsProvider({ children }: { children: ReactNode }) {
  const [outcome, action] = useActionState(manageUserAction, idleState);
  // Each answer is a new object, so the same action twice shows its toast again.
  const [dismissed, setDismissed] = useState<FormState | null>(null);
  const dismiss = useCallback(() => setDismissed(outcome), [outcome]);
  const message = sentenceOf(outcome);
  return (
    <ActionContext value={action}>
      {children}
      {message && outcome !== dismissed && (
        <Toast message={message} tone={outcome.status === "error" ? "error" : "success"} onDismiss={dismiss} />
      )}
    </ActionContext>
  );
}

/** The action every form of the table posts to (with its `intent`). */
export function useUserAction(): Dispatch {
  const action = use(ActionContext);
  if (!action) throw new Error("useUserAction outside UserActionsProvider");
  return action;
}
