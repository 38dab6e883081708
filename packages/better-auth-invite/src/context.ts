import type { setSessionCookie } from "better-auth/cookies";

/**
 * Better Auth's endpoint context. It lives in @better-auth/core, which this
 * plugin does not depend on directly; better-auth's own API names it here.
 */
export type GenericEndpointContext = Parameters<typeof setSessionCookie>[0];
