/**
 * Every error the invite plugin answers with. Each code travels in the
 * response body (`{ code, message }`); apps map the code to their own words.
 * Same shape as Better Auth's own `defineErrorCodes` output.
 */
const messages = {
  USER_NOT_LOGGED_IN: "You need to sign in first.",
  INSUFFICIENT_PERMISSIONS: "You are not allowed to do that.",
  ROLE_NOT_FOUND: "That role does not exist.",
  ROLE_ABOVE_INVITER: "You cannot grant a role above your own.",
  INVALID_TOKEN: "This invitation does not exist.",
  INVITE_LINK_REPLACED: "A newer invitation email replaced this link: use the latest one.",
  INVITE_EXPIRED: "This invitation has expired.",
  INVITE_CANCELED: "This invitation was canceled.",
  NO_USES_LEFT_FOR_INVITE: "This invitation has no uses left.",
  INVITE_ALREADY_ACCEPTED: "You have already accepted this invitation.",
  EMAIL_MISMATCH: "This invitation was sent to another email address.",
  EMAIL_NOT_VERIFIED: "Verify your email address before accepting this invitation.",
  CANT_ACCEPT_INVITE: "You cannot accept this invitation.",
  ROLE_WOULD_BE_LOWERED: "Accepting this invitation would lower your role.",
  INVITATION_EMAIL_NOT_ENABLED: "Invitations by email are not set up: sendUserInvitation is missing.",
  ERROR_SENDING_THE_INVITATION_EMAIL: "The invitation email could not be sent.",
  ADMIN_PLUGIN_IS_NOT_SET_UP: "The invite plugin needs Better Auth's admin plugin.",
  SIGN_UP_REQUIRES_INVITE: "Signing up needs a valid invitation.",
  INVITER_NOT_ALLOWED: "This invitation is no longer valid: the person who made it can no longer grant its role.",
  ALREADY_HAS_ROLE: "This account already has this role, or a higher one.",
  EMAIL_DOMAIN_NOT_ALLOWED: "This invitation is only for addresses at certain domains, verified.",
  INVITATION_LIMIT_REACHED: "You have as many pending invitations as you may hold: revoke one, or wait for one to be used or to expire.",
  // Beyond the contract's list: bad input that deserves its own code.
  INVALID_REDIRECT_URL: "The redirect must be a relative path or a trusted origin.",
  CUSTOM_TOKEN_NOT_ENABLED: "Custom tokens need the generateToken option.",
  INVITE_IS_NOT_PRIVATE: "Only an invitation sent to an email address can be resent or declined.",
  CANNOT_INVITE_YOURSELF: "You cannot invite yourself.",
  ALREADY_INVITED: "This address already has a pending invitation: resend it, or revoke it first.",
  TOO_MANY_REQUESTS: "Too many attempts. Try again later.",
  DUPLICATE_EMAIL: "This address appears earlier in the list: it gets one invitation.",
  INVALID_METADATA: "Metadata must be a JSON object of at most 4 kB.",
  INVALID_ALLOWED_DOMAINS: "Allowed domains are 1 to 20 domain names, on a shareable invitation only.",
  INVALID_EMAIL: "This is not a valid email address.",
  INVITE_NOT_CANCELED: "This invitation is not revoked, so there is nothing to restore.",
  RESTORE_WINDOW_PASSED: "It is too late to undo this revoke: make a new invitation instead.",
  // The start-up check (schema-check.ts): a client gets this 503; the server's log and auth.api get the statement that adds the index.
  MISSING_INVITE_USE_UNIQUE_INDEX:
    "The database lacks the unique index on inviteUse (inviteId, usedByUserId) that stops one person from taking several uses of an invitation.",
} as const;

export type InviteErrorCode = keyof typeof messages;

export type InviteError<K extends InviteErrorCode = InviteErrorCode> = {
  readonly code: K;
  readonly message: string;
};

export const INVITE_ERROR_CODES = Object.fromEntries(
  Object.entries(messages).map(([code, message]) => [code, { code, message, toString: () => code }]),
) as { readonly [K in InviteErrorCode]: InviteError<K> };
