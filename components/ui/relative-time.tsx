import { exactTime, relativeTime } from "@/lib/time";
import { viewerTimeZone } from "@/lib/preferences/time-zone";

/** "in 3 days", with the exact time in the viewer's time zone on hover, and the instant for machines. */
export async function RelativeTime({ date, prefix }: { date: Date | string; prefix?: string }) {
  const value = new Date(date);
  return (
    <time dateTime={value.toISOString()} title={exactTime(value, await viewerTimeZone())}>
      {prefix ? `${prefix} ` : ""}
      {relativeTime(value)}
    </time>
  );
}
