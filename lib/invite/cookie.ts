import type { GenericEndpointContext } from "./context";

/*
 * The invite token between a click on the emailed link and the next
 * sign-in or sign-up: signed (so it cannot be forged or swapped), httpOnly
 * (so scripts never read it) and short-lived.
 */
const INVITE_COOKIE_MAX_AGE = 30 * 60;

function inviteCookie(ctx: GenericEndpointContext) {
  return ctx.context.createAuthCookie("invite_token", { maxAge: INVITE_COOKIE_MAX_AGE });
}

export async function setInviteCookie(ctx: GenericEndpointContext, token: string): Promise<void> {
  const cookie = inviteCookie(ctx);
  await ctx.setSignedCookie(cookie.name, token, ctx.context.secret, cookie.attributes);
}

export async function readInviteCookie(ctx: GenericEndpointContext): Promise<string | null> {
  const cookie = inviteCookie(ctx);
  const value = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function clearInviteCookie(ctx: GenericEndpointContext): void {
  const cookie = inviteCookie(ctx);
  ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 });
}
