import "server-only";
import { cookies } from "next/headers";

/** Set by components/time-zone-cookie.tsx from the browser's own time zone; without JavaScript, times are in UTC. */
export const TIME_ZONE_COOKIE = "tz";

/** An IANA zone the runtime knows ("Europe/Paris"), or null: a forged cookie must not reach Intl and throw. */
export function validTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export async function viewerTimeZone(): Promise<string> {
  return validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? "UTC";
}
