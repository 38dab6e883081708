import type { GenericEndpointContext } from "./context";

/*
 * Better Auth's twoFactor plugin lets a password sign-in of an account with two-factor on create its session, then, in
 * its own after-hook, deletes that session and asks for a code (`twoFactorRedirect`); the session that counts is made
 * by /two-factor/verify-totp, verify-backup-code or verify-otp. Whether that after-hook has run before the invite's
 * depends on the order of the plugins, so the invite's asks the plugin itself, as Better Auth's anonymous plugin does.
 * Accepting at the first step (better-invite issue 49) granted the role to someone who had only typed a password.
 */

/** The paths on which the twoFactor plugin challenges a sign-in (its own list, in 1.7). */
const CHALLENGED_SIGN_IN = new Set(["/sign-in/email", "/sign-in/username", "/sign-in/phone-number"]);

/**
 * Whether the session this call made is not, or not yet, a person signing in, as far as two-factor goes: a sign-in
 * still waiting for its second factor, or a signed-in user turning two-factor on or off (which replaces their session).
 */
export async function twoFactorHoldsSession(
  ctx: GenericEndpointContext,
  user: { id: string; twoFactorEnabled?: unknown },
): Promise<boolean> {
  const plugin = ctx.context.getPlugin("two-factor");
  if (!plugin) return false;
  if (ctx.path.startsWith("/two-factor/")) return ctx.context.session?.user.id === user.id;
  const shouldRequireTwoFactor: unknown = Reflect.get(plugin, "shouldRequireTwoFactor");
  if (typeof shouldRequireTwoFactor === "function") return (await Reflect.apply(shouldRequireTwoFactor, plugin, [ctx])) === true;
  // A release that does not say: an account with two-factor on, signing in where it is challenged, waits for its code,
  // trusted device or not (a trusted device's invitation is then accepted on the invite page, never too early).
  return CHALLENGED_SIGN_IN.has(ctx.path) && user.twoFactorEnabled === true;
}
