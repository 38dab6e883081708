import { relativeTime } from "@/lib/time";

const exact = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "in 3 days", with the exact UTC time on hover and for machines. */
export function RelativeTime({ date, prefix }: { date: Date | string; prefix?: string }) {
  const value = new Date(date);
  return (
    <time dateTime={value.toISOString()} title={`${exact.format(value)} UTC`}>
      {prefix ? `${prefix} ` : ""}
      {relativeTime(value)}
    </time>
  );
}
