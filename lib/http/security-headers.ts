/**
 * Every security header the app sends, defined here and nowhere else.
 * next.config.ts sends `staticSecurityHeaders` on every response; proxy.ts
 * adds the Content-Security-Policy to pages, because its script nonce is new
 * for every request.
 */

export const staticSecurityHeaders = [
  // A response is what its Content-Type says, never sniffed into HTML or script.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // No framing (clickjacking the accept or revoke buttons); CSP's frame-ancestors says the same to newer browsers.
  { key: "X-Frame-Options", value: "DENY" },
  // Invite tokens live in URLs: other sites never see a Referer from here. Not "no-referrer": with it,
  // browsers send `Origin: null` on form posts, and the Origin checks rightly refuse them.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
] as const;

/** The invite API, the emailed link above all, carries tokens in its URLs: no Referer at all. */
export const inviteApiHeaders = [{ key: "Referrer-Policy", value: "no-referrer" }] as const;

/**
 * A strict policy: scripts run only with this response's nonce (Next adds it to
 * its own scripts), and what they load inherits that trust ('strict-dynamic').
 * Inline styles stay allowed: React's `style` props need them, and style cannot run code.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { development: boolean; https: boolean; signInProviderOrigins?: string[] },
): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code to rebuild stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Development's hot reload talks over a WebSocket.
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    // The outbox and the template preview show emails in sandboxed srcdoc frames.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // A sign-in through GitHub, Google or SSO posts a form whose answer redirects to the provider's page.
    ["form-action 'self'", ...(options.signInProviderOrigins ?? [])].join(" "),
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
