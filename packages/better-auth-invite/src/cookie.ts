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

/** The request's headers with the invite cookie taken out, for a request that must go on as if it had none. */
export function withoutInviteCookie(ctx: GenericEndpointContext): Headers {
  const name = inviteCookie(ctx).name;
  const headers = new Headers(ctx.headers);
  const kept = (headers.get("cookie") ?? "").split(";").filter((pair) => pair.split("=")[0]?.trim() !== name);
  headers.set("cookie", kept.join(";"));
  return headers;
}
