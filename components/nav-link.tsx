"use client";

import Link, { useLinkStatus } from "next/link";
import type { ComponentProps } from "react";

/**
 * A header link that shows it is loading the next page. The dashboard streams no
 * loading skeleton on purpose: without JavaScript, streamed content stays hidden.
 */
export function NavLink({ children, className, ...props }: ComponentProps<typeof Link>) {
  return (
    <Link {...props} className={`relative ${className ?? ""}`}>
      {children}
      <PendingDot />
    </Link>
  );
}

function PendingDot() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      className={`pointer-events-none absolute top-1.5 right-1.5 size-1.5 rounded-full bg-brand-600 transition-opacity ${pending ? "animate-pulse opacity-100" : "opacity-0"}`}
    />
  );
}
