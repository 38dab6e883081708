"use client";

import { useState } from "react";
import type { FormState } from "@/lib/actions/form-state";

/**
 * The newest answer among several forms' states (a revoke, then its Undo): each answer is a new object, so the one
 * that changed last is the one to show. Adjusted while rendering, as React advises for state derived from props;
 * without JavaScript only one of them is ever answered.
 */
export function useLatestOutcome<State extends FormState>(states: State[]): State | undefined {
  const [seen, setSeen] = useState(states);
  const [latest, setLatest] = useState(() => states.find((state) => state.message));
  if (states.some((state, at) => state !== seen[at])) {
    const changed = states.find((state, at) => state !== seen[at] && state.message);
    setSeen(states);
    if (changed) setLatest(changed);
  }
  return latest;
}
