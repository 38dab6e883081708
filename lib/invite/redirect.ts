import type { GenericEndpointContext } from "./context";

/**
 * Where an invitee may be sent after accepting: a same-site path, or an
 * origin Better Auth trusts. `//evil.example` and `/\evil.example` are
 * protocol-relative to browsers, and `javascript:` runs code, so all are refused.
 */
export function isSafeRedirect(ctx: GenericEndpointContext, target: string): boolean {
  if (target.length === 0 || target.length > 2048) return false;
  // Control characters and backslashes are never part of a legitimate target.
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return false;
  if (target.startsWith("/")) return !target.startsWith("//");
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  return ctx.context.isTrustedOrigin(url.origin);
}
