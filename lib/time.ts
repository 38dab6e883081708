const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 7 days", "3 minutes ago": the largest whole unit, as people say it. */
export function relativeTime(date: Date | string, now = Date.now()): string {
  const difference = new Date(date).getTime() - now;
  for (const [unit, size] of units) {
    if (Math.abs(difference) >= size) return relative.format(Math.round(difference / size), unit);
  }
  return "just now";
}

/** "4 Dec 2026, 18:20 CET": the exact time in a time zone, named so that nobody takes it for their own. */
export function exactTime(date: Date | string, timeZone: string, month: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month,
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(date));
}
