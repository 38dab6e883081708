import { isAPIError } from "better-auth/api";
import type { INVITE_ERROR_CODES } from "@invite-kit/better-auth";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/errors/unavailable";

/*
 * Every error code a person can meet, as one sentence they can act on: the invite plugin's (each of them, the type
 * says so), Better Auth's own that sign-in and sign-up answer, and the app's. Pages, forms and actions all say a
 * code's sentence from here, so one code never reads two ways.
 */

type InviteCode = keyof typeof INVITE_ERROR_CODES;
type AuthCode =
  | "INVALID_EMAIL_OR_PASSWORD"
  | "USER_ALREADY_EXISTS"
  | "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"
  | "INVALID_EMAIL"
  | "PASSWORD_TOO_SHORT"
  | "PASSWORD_TOO_LONG"
  | "BANNED_USER"
  | "FAILED_TO_CREATE_USER"
  | TwoFactorCode;
/** Better Auth's twoFactor plugin's, and the password checks around it. */
type TwoFactorCode =
  | "INVALID_CODE"
  | "INVALID_BACKUP_CODE"
  | "INVALID_TWO_FACTOR_COOKIE"
  | "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE"
  | "ACCOUNT_TEMPORARILY_LOCKED"
  | "TOTP_ALREADY_ENABLED"
  | "TOTP_NOT_ENABLED"
  | "INVALID_PASSWORD"
  | "SESSION_NOT_FRESH";
/** The app's refusals on the Users page (lib/users/manage.ts), and Better Auth's admin plugin's behind them. */
type UserAdminCode =
  | "USER_NOT_FOUND"
  | "CANNOT_MANAGE_YOURSELF"
  | "ROLE_CHANGE_NEEDS_INVITATION"
  | "ROLE_UNCHANGED"
  | "USER_ALREADY_BANNED"
  | "USER_NOT_BANNED"
  | "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"
  | "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"
  | "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS"
  | "YOU_CANNOT_BAN_YOURSELF"
  | "YOU_CANNOT_REMOVE_YOURSELF";
type AppCode = "SERVICE_UNAVAILABLE" | UserAdminCode;
/** Better Auth's, in the `?error=` of a provider's callback redirect (lower case, as it sends them). */
type ProviderCode = "account_not_linked" | "access_denied" | "signup_disabled" | "email_not_found" | "unable_to_create_user";
export type ErrorCode = InviteCode | AuthCode | AppCode | ProviderCode;

const fallback = "Something went wrong on our side. Try again in a moment.";

const messages: Record<ErrorCode, string> = {
  // The invite plugin's.
  USER_NOT_LOGGED_IN: "Sign in to continue.",
  INSUFFICIENT_PERMISSIONS: "You don't have permission to do that.",
  ROLE_NOT_FOUND: "That role does not exist.",
  ROLE_ABOVE_INVITER: "You don't have permission to create invites with this role.",
  INVALID_TOKEN: "This invitation is not valid. Check that you copied all of it: a code also stops working once it expires or is used up.",
  // Said to whoever holds the old link, who may not be the invitee: no address.
  INVITE_LINK_REPLACED: "A newer email replaced this link: use the latest invitation we sent you.",
  INVITE_EXPIRED: "This invitation has expired. Ask the person who invited you for a new one.",
  INVITE_CANCELED: "This invitation can no longer be used: it was revoked, or declined.",
  NO_USES_LEFT_FOR_INVITE: "No uses are left on this invitation: it has been used as many times as it allows.",
  INVITE_ALREADY_ACCEPTED: "You have already accepted this invitation.",
  EMAIL_MISMATCH: "This invitation was sent to another email address. Use that address, or ask for a new invitation.",
  EMAIL_NOT_VERIFIED: "Verify your email address first: we sent you a link when you signed up.",
  CANT_ACCEPT_INVITE: "Your account cannot accept this invitation.",
  ROLE_WOULD_BE_LOWERED: "You already have a higher role than this invitation grants.",
  INVITATION_EMAIL_NOT_ENABLED: "Invitations by email are not set up on this server.",
  ERROR_SENDING_THE_INVITATION_EMAIL: "The invitation email could not be sent. Try again in a moment.",
  ADMIN_PLUGIN_IS_NOT_SET_UP: fallback,
  SIGN_UP_REQUIRES_INVITE: "Signing up needs an invitation. Open the link from your invitation email first.",
  INVITER_NOT_ALLOWED:
    "This invitation is no longer valid: the person who sent it can no longer grant this role. Ask for a new invitation.",
  ALREADY_HAS_ROLE: "This person already has this role, or a higher one: there is nothing to invite them to.",
  EMAIL_DOMAIN_NOT_ALLOWED: "This invitation is only for people with a verified address at certain domains, and yours is not one of them.",
  INVITATION_LIMIT_REACHED: "You have reached your limit of pending invitations. Revoke one, or wait until one is accepted or expires.",
  DUPLICATE_EMAIL: "This address is listed twice: it gets one invitation.",
  INVALID_METADATA: "The invitation's extra data must be a JSON object of at most 4 kB.",
  INVALID_ALLOWED_DOMAINS: "List 1 to 20 domain names, like example.com, and only for a shareable link.",
  INVALID_REDIRECT_URL: "That address to go to afterwards is not allowed.",
  CUSTOM_TOKEN_NOT_ENABLED: fallback,
  INVITE_IS_NOT_PRIVATE: "Only an invitation sent to one person can be declined or sent again.",
  CANNOT_INVITE_YOURSELF: "You can't invite yourself.",
  ALREADY_INVITED: "This address already has a pending invitation. Resend it from the table below, or revoke it first.",
  INVITE_NOT_CANCELED: "This invitation is not revoked, so there is nothing to undo.",
  RESTORE_WINDOW_PASSED: "It is too late to undo this revoke. Send a new invitation instead.",
  TOO_MANY_REQUESTS: "Too many attempts. Wait a minute, then try again.",
  MISSING_INVITE_USE_UNIQUE_INDEX: SERVICE_UNAVAILABLE.message,
  // Better Auth's, from sign-in and sign-up.
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match an account. Check both and try again.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  INVALID_EMAIL: "Enter a valid email address, like name@example.com.",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for your password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for your password.",
  BANNED_USER: "This account has been suspended. Contact an administrator.",
  FAILED_TO_CREATE_USER: "We couldn't create your account. Try again in a moment.",
  // Better Auth's twoFactor plugin's.
  INVALID_CODE: "That code is not the one your authenticator app shows. Check the app and try again.",
  INVALID_BACKUP_CODE: "That backup code is not one of yours, or it was used already.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has timed out. Sign in again with your password.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Sign in again with your password.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes for this account: it is locked for a few minutes. Try again later.",
  TOTP_ALREADY_ENABLED: "Two-factor authentication is already on.",
  TOTP_NOT_ENABLED: "Two-factor authentication is not set up for this account.",
  INVALID_PASSWORD: "That password is not right.",
  SESSION_NOT_FRESH: "For your safety, sign in again before changing this.",
  // The app's.
  SERVICE_UNAVAILABLE: SERVICE_UNAVAILABLE.message,
  // The Users page's, and Better Auth's admin plugin's.
  USER_NOT_FOUND: "That account no longer exists: someone may have removed it. Reload the page to see the list as it is.",
  CANNOT_MANAGE_YOURSELF: "You can't change, ban or remove your own account here. Ask another admin.",
  ROLE_CHANGE_NEEDS_INVITATION: "A higher role is given by invitation: send them one from the Invitations page, and they accept it.",
  ROLE_UNCHANGED: "They already have this role.",
  USER_ALREADY_BANNED: "This account is already banned.",
  USER_NOT_BANNED: "This account is not banned.",
  YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE: "You don't have permission to do that.",
  YOU_ARE_NOT_ALLOWED_TO_BAN_USERS: "You don't have permission to do that.",
  YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS: "You don't have permission to do that.",
  YOU_CANNOT_BAN_YOURSELF: "You can't change, ban or remove your own account here. Ask another admin.",
  YOU_CANNOT_REMOVE_YOURSELF: "You can't change, ban or remove your own account here. Ask another admin.",
  // Better Auth's, after signing in through GitHub, Google or SSO.
  account_not_linked:
    "An account with this address already exists, and it could not be joined to this sign-in: the provider has not verified the address, or your account has not. Sign in with your password instead.",
  access_denied: "Signing in was canceled at the provider. Try again, or sign in another way.",
  signup_disabled: "Signing up this way is turned off. Sign in with an account you already have.",
  email_not_found: "The provider did not share your email address, which an account here needs. Allow it, or sign in another way.",
  unable_to_create_user: "We couldn't create your account. Try again in a moment.",
};

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(messages, code);
}

/** The sentence for a code; a code nobody wrote one for reads as a failure of ours. */
export function messageForCode(code: string | null | undefined): string {
  return code && isErrorCode(code) ? messages[code] : fallback;
}

/**
 * The sentence for the `?error=` a provider's sign-in came back with (Better Auth's, the plugin's or the app's codes),
 * or null when there is none; a code nobody wrote one for says that signing in did not work.
 */
export function messageForSignInError(code: unknown): string | null {
  if (typeof code !== "string" || code === "") return null;
  return isErrorCode(code) ? messages[code] : "Signing in through the provider did not work. Try again, or sign in another way.";
}

/**
 * Why a sign-in link did not sign in, from the `error` Better Auth's magic-link endpoint puts on the page it sends
 * the browser to. Its own INVALID_TOKEN is about the link, not an invitation; the rest are the codes of whatever
 * refused the account (an invitation for another address, invite-only sign-up).
 */
export function signInLinkErrorMessage(code: string): string {
  if (code === "INVALID_TOKEN") return "This sign-in link has expired or was used already. Ask for a new one below.";
  if (isErrorCode(code)) return messages[code];
  return "That sign-in link did not work. Ask for a new one below.";
}

/** The code of an error Better Auth or the plugin answered on purpose (a 4xx), or null. */
export function codeOf(error: unknown): string | null {
  return isAPIError(error) && error.statusCode < 500 && typeof error.body?.code === "string" ? error.body.code : null;
}

/** Any error as what the person reads: a spent budget says how long to wait; an outage says so; a bug says sorry. */
export function messageForError(error: unknown): string {
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== null) return tooManyAttemptsMessage(retryAfter);
  if (isServiceUnavailable(error)) return SERVICE_UNAVAILABLE.message;
  const code = codeOf(error);
  if (code && isErrorCode(code)) return messages[code];
  // Not `instanceof`: the bundler may hold two copies of the class.
  if (isAPIError(error) && error.statusCode < 500 && error.body?.message) return error.body.message;
  return fallback;
}

/** Said when a rate limit refuses: how long to wait, in words. */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds <= 1
      ? "a second"
      : retryAfterSeconds < 90
        ? `${retryAfterSeconds} seconds`
        : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many attempts. Try again in ${wait}.`;
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
