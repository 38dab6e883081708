import { isAPIError } from "better-auth/api";
import { tooManyAttemptsMessage } from "@/lib/invitations/messages";

/** Better Auth's error codes, as sentences a person can act on. */
const messages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match an account. Check both and try again.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  INVALID_EMAIL: "Enter a valid email address, like name@example.com.",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for your password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for your password.",
  EMAIL_NOT_VERIFIED: "Verify your email first: we sent you a link.",
  BANNED_USER: "This account has been suspended. Contact an administrator.",
  FAILED_TO_CREATE_USER: "We couldn't create your account. Try again in a moment.",
  // The invite plugin's answers to a sign-up that carries an invitation.
  EMAIL_MISMATCH: "This invitation was sent to another email address. Sign up with that address, or ask for a new invitation.",
  SIGN_UP_REQUIRES_INVITE: "Signing up needs an invitation. Open the link from your invitation email first.",
  INVITE_EXPIRED: "This invitation has expired. Ask for a new one.",
  INVITE_CANCELED: "This invitation is no longer valid. Ask for a new one.",
  NO_USES_LEFT_FOR_INVITE: "No uses are left on this invitation.",
};

const fallback = "Something went wrong on our side. Try again in a moment.";

export function authErrorMessage(error: unknown): string {
  // Not `instanceof`: the bundler may hold two copies of the class.
  if (isAPIError(error)) {
    if (error.statusCode === 429) return tooManyAttemptsMessage(retryAfterOf(error) ?? 60);
    const code = typeof error.body?.code === "string" ? error.body.code : undefined;
    if (code && messages[code]) return messages[code];
    if (error.statusCode < 500 && error.body?.message) return error.body.message;
  }
  return fallback;
}

/** How long a 429 asks to wait, in seconds, from its Retry-After header; null for any other error. */
export function retryAfterOf(error: unknown): number | null {
  if (!isAPIError(error) || error.statusCode !== 429) return null;
  // Retry-After as the invite plugin sends it, X-Retry-After as Better Auth's limiter and lib/rate-limit/sign-in.ts do.
  const headers = new Headers(error.headers);
  const seconds = Number(headers.get("retry-after") ?? headers.get("x-retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

/** Only errors Better Auth meant for the user are shown; anything else is a bug to log. */
export function isExpectedAuthError(error: unknown): boolean {
  return isAPIError(error) && error.statusCode < 500;
}
