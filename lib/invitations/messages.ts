/** The invite plugin's error codes, as sentences an invitee or an admin understands. */
const messages: Record<string, string> = {
  USER_NOT_LOGGED_IN: "Sign in to continue.",
  INSUFFICIENT_PERMISSIONS: "You don't have permission to do that.",
  ROLE_NOT_FOUND: "That role does not exist.",
  ROLE_ABOVE_INVITER: "You don't have permission to create invites with this role.",
  INVALID_TOKEN: "This invitation is not valid. Check that you copied all of it: a code also stops working once it expires or is used up.",
  INVITE_EXPIRED: "This invitation has expired. Ask the person who invited you for a new one.",
  INVITE_CANCELED: "This invitation is no longer valid: it was canceled or declined.",
  NO_USES_LEFT_FOR_INVITE: "No uses are left on this invitation: it has been used as many times as it allows.",
  INVITE_ALREADY_ACCEPTED: "You have already accepted this invitation.",
  EMAIL_MISMATCH: "This invitation was sent to another email address.",
  EMAIL_NOT_VERIFIED: "Verify your email address first: we sent you a link when you signed up.",
  CANT_ACCEPT_INVITE: "Your account cannot accept this invitation.",
  ROLE_WOULD_BE_LOWERED: "You already have a higher role than this invitation grants.",
  TOO_MANY_REQUESTS: "Too many attempts. Wait a minute, then try again.",
  INVITER_NOT_ALLOWED: "This invitation is no longer valid: the person who sent it can no longer grant this role. Ask for a new invitation.",
  ALREADY_HAS_ROLE: "This person already has this role, or a higher one: there is nothing to invite them to.",
  ALREADY_INVITED: "This address already has a pending invitation. Resend it from the table below, or revoke it first.",
  CANNOT_INVITE_YOURSELF: "You can't invite yourself.",
};

export function inviteErrorMessage(code: string | undefined): string {
  return (code && messages[code]) || "Something went wrong on our side. Try again in a moment.";
}

/** Said when a rate limit refuses: how long to wait, in words. */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds <= 1 ? "a second" : retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many attempts. Try again in ${wait}.`;
}
