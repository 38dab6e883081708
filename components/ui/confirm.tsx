"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A button that opens its confirmation over the page. `name` makes the disclosures of the page exclusive (opening
 * one closes the other) without JavaScript; with it, Escape closes it and gives focus back to its button.
 * `align` places the box against its button ("start"/"end" edge below lg), or, with "card", against the nearest
 * positioned ancestor below sm (a card, so it cannot run off a phone's screen) and against its button from sm on.
 */
export function Confirm({
  label,
  tone,
  children,
  name = "invite-row-action",
  align = "start",
}: {
  label: ReactNode;
  tone: "brand" | "red";
  children: ReactNode;
  name?: string;
  align?: "start" | "end" | "card";
}) {
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
  const placement =
    align === "card"
      ? "inset-x-4 sm:inset-x-auto sm:right-0 sm:w-72"
      : `w-64 ${align === "end" ? "right-0" : "left-0"} lg:right-0 lg:left-auto`;
  return (
    <details ref={disclosure} name={name} className={align === "card" ? "sm:relative" : "relative"}>
      <summary
        className={`cursor-pointer list-none rounded-md px-2 py-1 text-xs font-semibold whitespace-nowrap ring-1 ring-inset [&::-webkit-details-marker]:hidden ${
          tone === "red" ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-brand-700 ring-brand-100 hover:bg-brand-50"
        }`}
      >
        {label}
      </summary>
      <div className={`absolute z-20 mt-1 ${placement} rounded-lg bg-white p-3 text-left whitespace-normal shadow-lg ring-1 ring-zinc-200`}>
        {children}
      </div>
    </details>
  );
}
