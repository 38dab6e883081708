"use client";

import { useActionState } from "react";
import { setThemeAction } from "@/lib/actions/preferences";
import { idleState } from "@/lib/actions/form-state";
import type { Theme } from "@/lib/preferences/theme";

const labels: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** Three buttons in one form: it works without JavaScript (a POST, and the page drawn again in the new colours). */
export function ThemeToggle({ current }: { current: Theme }) {
  const [state, action, pending] = useActionState(setThemeAction, idleState);
  // While the action runs, show the choice at once; afterwards the server's cookie is the truth.
  const chosen = (state.status === "success" ? state.message : current) as Theme;
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <span id="theme-label" className="text-xs text-zinc-600">
        Theme
      </span>
      <span role="group" aria-labelledby="theme-label" className="inline-flex rounded-lg bg-zinc-100 p-0.5 ring-1 ring-zinc-200">
        {(Object.keys(labels) as Theme[]).map((theme) => (
          <button
            key={theme}
            type="submit"
            name="theme"
            value={theme}
            aria-pressed={chosen === theme}
            disabled={pending}
            className="rounded-md px-2.5 py-1 text-xs font-medium text-zinc-700 hover:text-zinc-900 aria-pressed:bg-white aria-pressed:text-zinc-900 aria-pressed:shadow-sm"
          >
            {labels[theme]}
          </button>
        ))}
      </span>
    </form>
  );
}
