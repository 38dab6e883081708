"use client";

import { useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";
import { createPortal } from "react-dom";

const subscribe = () => () => {};

/**
 * The outcome of an action on a row, over the page's corner instead of inside the row (where a sentence widened the
 * table's last column). Focus moves to it, since the button that was pressed may be gone (a revoked row has none);
 * it is announced, and stays until dismissed, or 8 s after focus leaves it. Without JavaScript it is drawn by the server and stays.
 */
export function Toast({
  message,
  tone,
  onDismiss,
  children,
}: {
  message: string;
  tone: "success" | "error";
  onDismiss: () => void;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    box.current?.focus();
    return () => clearTimeout(timer.current);
  }, [message]);
  // In the browser, on the body: inside a table cell, a fixed box can be placed against the row instead of the window.
  const scripted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const toast = (
    <div
      ref={box}
      tabIndex={-1}
      // It stays while focus is in it (a timed message must not vanish while being read), and goes 8 s after focus leaves.
      onFocus={() => clearTimeout(timer.current)}
      onBlur={(event) => {
        if (event.currentTarget.contains(event.relatedTarget)) return;
        clearTimeout(timer.current);
        timer.current = setTimeout(onDismiss, 8000);
      }}
      role={tone === "error" ? "alert" : "status"}
      className={`fixed right-4 bottom-4 left-4 z-40 flex items-start justify-between gap-3 rounded-xl p-4 text-sm shadow-lg ring-1 sm:left-auto sm:w-96 ${
        tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-zinc-900 text-white ring-zinc-900"
      }`}
    >
      <p>{message}</p>
      <div className="flex shrink-0 items-center gap-3">
        {children}
        <button type="button" onClick={onDismiss} className="font-semibold underline-offset-2 hover:underline">
          Dismiss
        </button>
      </div>
    </div>
  );
  return scripted ? createPortal(toast, document.body) : toast;
}
