import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/relative-time";

/**
 * One line of the activity log, whatever it is about: its label, who did what, and when. A grid, not a row of
 * flexible boxes, so every line's sentence starts at the same place whatever its label's width, and every time sits
 * in one column: the last one from sm on; on a phone, label, sentence and time stacked, all from the left edge (issue
 * 16, defect 16).
 */
export function ActivityRow({
  testId,
  type,
  label,
  tone,
  at,
  children,
}: {
  testId: string;
  type: string;
  label: string;
  tone: string;
  at: Date | string;
  children: ReactNode;
}) {
  return (
    <li
      data-testid={testId}
      data-type={type}
      className="grid grid-cols-[minmax(0,1fr)] gap-y-1 px-4 py-3 text-sm sm:grid-cols-[6.5rem_minmax(0,1fr)_8.5rem] sm:gap-x-4"
    >
      <span>
        <span className={`mt-0.5 inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}>
          {label}
        </span>
      </span>
      <p className="break-words text-zinc-800">{children}</p>
      <span data-testid="activity-time" className="text-xs text-zinc-500 sm:mt-0.5 sm:text-right">
        <RelativeTime date={at} />
      </span>
    </li>
  );
}
