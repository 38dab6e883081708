/**
 * A redirect target taken from a query string or form is an open-redirect risk:
 * only same-site absolute paths pass. `//evil.example` and `/\evil.example` are
 * protocol-relative to browsers, so both are refused, as are control characters.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  return value;
}
