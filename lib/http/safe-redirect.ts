/**
 * A redirect target taken from a query string or form is an open-redirect risk:
 * only same-site absolute paths pass. `//evil.example` and `/\evil.example` are
 * protocol-relative to browsers, so both are refused, as are control characters.
 *
 * What passes is also always a valid header value: a Location header (and Next's
 * x-action-redirect) carries Latin-1 at most, and Next answered a target outside
 * it (`/∕x`, with U+2215) with a 500, after the sign-in or the accept that came
 * before the redirect had already been committed.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length === 0) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || value.includes("\\")) return fallback;
  const target = headerSafeTarget(value);
  return target !== null && target.length <= 2048 ? target : fallback;
}

/**
 * `value` as a header can carry it: non-ASCII percent-encoded as UTF-8, which is
 * how a browser sends the same URL, so the target does not change. Null when it
 * cannot be carried: a control character (C0, DEL, C1), or a lone surrogate, which
 * has no UTF-8 form. Used for the app's own redirects and for Better Auth's callback URLs.
 */
export function headerSafeTarget(value: string): string | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value) || !value.isWellFormed()) return null;
  return value.replace(/[^\u0000-\u007f]+/g, (characters) => encodeURI(characters));
}
