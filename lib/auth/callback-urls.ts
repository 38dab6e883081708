import { BASE_ERROR_CODES } from "better-auth";
import { APIError } from "better-auth/api";
import { headerSafeTarget } from "@/lib/http/safe-redirect";

/**
 * Better Auth redirects to a callback URL it trusts (verify-email does, after it has marked the address
 * verified), and it trusts some that no Location header can carry: a same-site path outside Latin-1 (`/∕x`),
 * or this site's origin with a CR or LF in the path, which URL parsing drops before the origin is compared.
 * Either made the redirect, and so the request, a 500 after its change was committed. This hook runs before
 * every endpoint: it percent-encodes such a URL when it can, and refuses it with Better Auth's own code
 * when it cannot. What Better Auth does not trust is left to its origin check, which refuses it (and logs it).
 */
const fields = {
  callbackURL: BASE_ERROR_CODES.INVALID_CALLBACK_URL,
  errorCallbackURL: BASE_ERROR_CODES.INVALID_ERROR_CALLBACK_URL,
  newUserCallbackURL: BASE_ERROR_CODES.INVALID_NEW_USER_CALLBACK_URL,
  redirectTo: BASE_ERROR_CODES.INVALID_REDIRECT_URL,
} as const;

type Input = {
  body?: unknown;
  query?: unknown;
  context: { isTrustedOrigin: (url: string, settings?: { allowRelativePaths: boolean }) => boolean };
};

/** For Better Auth's before hook (lib/auth/server.ts): the body and query to go on with, when a callback URL had to change. */
export function headerSafeCallbackURLs(
  ctx: Input,
): { context: { body?: Record<string, unknown>; query?: Record<string, unknown> } } | undefined {
  const normalize = (source: unknown): Record<string, unknown> | undefined => {
    if (typeof source !== "object" || source === null) return undefined;
    let changed: Record<string, unknown> | undefined;
    for (const [field, error] of Object.entries(fields)) {
      const value: unknown = Reflect.get(source, field);
      if (typeof value !== "string" || /^[\x20-\x7e]*$/.test(value)) continue;
      if (!ctx.context.isTrustedOrigin(value, { allowRelativePaths: true })) continue;
      const target = headerSafeTarget(value);
      if (target === null) throw APIError.from("FORBIDDEN", error);
      changed = { ...(changed ?? source), [field]: target };
    }
    return changed;
  };
  const body = normalize(ctx.body);
  const query = normalize(ctx.query);
  if (!body && !query) return;
  return { context: { ...(body ? { body } : {}), ...(query ? { query } : {}) } };
}
