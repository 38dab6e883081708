import type { GenericEndpointContext } from "./context";

/**
 * Where an invitee may be sent after accepting: a same-site path, or an
 * origin Better Auth trusts. `//evil.example` and `/\evil.example` are
 * protocol-relative to browsers, and `javascript:` runs code, so all are refused.
 *
 * The target is returned as a redirect can carry it, or null when refused. A
 * Location header holds Latin-1 at most, and an app that redirects to `/∕x`
 * (U+2215) as stored fails after the role was granted: non-ASCII is stored
 * percent-encoded as UTF-8, which is how a browser would send the same URL.
 */
export function safeRedirectTarget(ctx: GenericEndpointContext, target: string): string | null {
  // Control characters (C0, DEL, C1) and backslashes are never part of a legitimate target; a lone surrogate has no UTF-8 form.
  if (target.length === 0 || /[\u0000-\u001f\u007f-\u009f\\]/.test(target) || !target.isWellFormed()) return null;
  const encoded = target.replace(/[^\u0000-\u007f]+/g, (characters) => encodeURI(characters));
  if (encoded.length > 2048) return null;
  if (encoded.startsWith("/")) return encoded.startsWith("//") ? null : encoded;
  let url: URL;
  try {
    url = new URL(encoded);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  return ctx.context.isTrustedOrigin(url.origin) ? encoded : null;
}
