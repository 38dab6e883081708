"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A button that opens its confirmation over the page (the pattern of the invitations table's row actions). `group`
 * names the disclosures that exclude each other: opening one closes the others of its group, without JavaScript;
 * with it, Escape closes it and gives focus back to its button. The box is placed against the nearest positioned
 * ancestor below sm (a card, so it cannot run off a phone's screen), against its button from sm on.
 */
export function Confirm({ label, tone, group, children }: { label: string; tone: "brand" | "red"; group: string; children: ReactNode }) {
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
    <details ref={disclosure} name={group} className="sm:relative">
      <summary
        className={`cursor-pointer list-none rounded-md px-2 py-1 text-xs font-semibold whitespace-nowrap ring-1 ring-inset [&::-webkit-details-marker]:hidden ${
          tone === "red" ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-brand-700 ring-brand-100 hover:bg-brand-50"
        }`}
      >
        {label}
      </summary>
      <div className="absolute inset-x-4 z-20 mt-1 rounded-lg bg-white p-3 text-left whitespace-normal shadow-lg ring-1 ring-zinc-200 sm:inset-x-auto sm:right-0 sm:w-72">
        {children}
      </div>
    </details>
  );
}
