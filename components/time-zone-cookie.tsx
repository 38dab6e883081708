"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Tells the server the browser's time zone, once, so that times are drawn in it on the server (no flash of UTC, no
 * hydration mismatch). Without JavaScript the cookie never comes and times say "UTC".
 */
export function TimeZoneCookie() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const sent = document.cookie.match(/(?:^|; )tz=([^;]*)/)?.[1];
    if (!zone || (sent && decodeURIComponent(sent) === zone)) return;
    document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}
