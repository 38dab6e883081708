import { safeRedirectPath } from "@/lib/http/safe-redirect";

/**
 * Where to go once signed in (by password, or by the second factor that completes it): when the invite plugin
 * accepted an invitation kept in the cookie, to its welcome page; otherwise to `next`, if it is safe.
 */
export function afterSignInPath(result: unknown, next: string | undefined): string {
  const invite = typeof result === "object" && result !== null && "invite" in result ? result.invite : null;
  if (typeof invite === "object" && invite !== null && "accepted" in invite && invite.accepted === true && "redirectTo" in invite) {
    return safeRedirectPath(invite.redirectTo, "/dashboard/role-upgraded");
  }
  return safeRedirectPath(next, "/dashboard");
}

/** Whether a password sign-in stopped for its second factor: Better Auth's twoFactor plugin answers so, with no session. */
export function awaitsSecondFactor(result: unknown): boolean {
  return typeof result === "object" && result !== null && "twoFactorRedirect" in result && result.twoFactorRedirect === true;
}
