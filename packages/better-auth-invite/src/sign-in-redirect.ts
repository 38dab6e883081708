// Sign-ins that answer with a redirect (a provider's callback, a magic link): where the invitation sends the browser.
import { isAPIError } from "better-auth/api";
import type { GenericEndpointContext } from "./context";
import type { ResolvedInviteOptions } from "./options";

/*
 * Paths where the account's address comes from an identity provider (OAuth, OpenID Connect, SSO, Google One Tap, an
 * ID token), which says itself whether it verified it. Better Auth copies its `email_verified` onto the account.
 */
const FROM_IDENTITY_PROVIDER = /^\/(callback|oauth2\/callback|sign-in\/social|sign-in\/oauth2|one-tap|sso)(\/|$)/;

export function isFromIdentityProvider(ctx: { path?: string }): boolean {
  return FROM_IDENTITY_PROVIDER.test(ctx.path ?? "");
}

/** The Location of an answer that is a redirect (`throw ctx.redirect(url)`), or null for any other answer. */
export function redirectLocation(returned: unknown): string | null {
  if (!isAPIError(returned) || returned.statusCode !== 302) return null;
  return new Headers(returned.headers).get("location");
}

/**
 * `target` where the redirect it replaces would have gone: a path stays a path when that redirect was a path too,
 * and lands on that redirect's origin when it was a URL (an app whose pages live on another origin than its API).
 */
function besides(location: string, target: string): string {
  if (!target.startsWith("/") || !/^https?:\/\//i.test(location)) return target;
  return new URL(target, location).toString();
}

/** After the invitation was accepted: where it sends its invitee (the invitation's redirect, or the default). */
export function acceptedRedirect(location: string, redirectTo: string): string {
  return besides(location, redirectTo);
}

/** After the invitation was refused (or the sign-up it carried): its accept page, which says why, from the code. */
export function refusedRedirect(options: ResolvedInviteOptions, location: string, token: string, code: string): string {
  const page = options.acceptPageURL.replace("{token}", encodeURIComponent(token));
  const separator = page.includes("?") ? "&" : "?";
  return besides(location, `${page}${separator}error=${encodeURIComponent(code)}`);
}

/** One request, as every hook of it sees it: a key for what one hook tells a later one. */
export const requestOf = (ctx: GenericEndpointContext): object => ctx.request ?? ctx.headers ?? ctx;

/** The sign-ups refused because of the invitation they carried, by request: the redirect that follows names the code. */
const refusedSignUps = new WeakMap<object, string>();

export function rememberRefusedSignUp(ctx: GenericEndpointContext, code: string): void {
  refusedSignUps.set(requestOf(ctx), code);
}

export function refusedSignUpOf(ctx: GenericEndpointContext): string | null {
  return refusedSignUps.get(requestOf(ctx)) ?? null;
}
