// Runs before every page and server action (and /api only for a path with percent-encoding:
// Better Auth checks its own origins). It is not an authorization guard: every page and action
// checks the session itself.
import { NextResponse, type NextRequest } from "next/server";
import { providerFormOrigins } from "@/lib/auth/sign-in-providers";
import { getEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/guards";
import { refuseMalformedRequest } from "@/lib/http/page-request";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function proxy(request: NextRequest) {
  // API paths come here only for their percent-encoding; Better Auth checks their origins itself.
  if (request.nextUrl.pathname.startsWith("/api/")) return (await refuseMalformedRequest(request)) ?? NextResponse.next();

  const env = getEnv();
  const appOrigin = new URL(env.betterAuthUrl).origin;

  // Server actions and no-JavaScript form posts ride on the session cookie: one sent from another
  // site, or with its Origin hidden ("null") or stripped, is refused here with a 403 — Next's own
  // check answers a foreign Origin with a 500 and lets a missing one through.
  if (!SAFE_METHODS.has(request.method) && request.headers.get("origin") !== appOrigin) {
    return errorResponse(403, "INVALID_ORIGIN", "This request did not come from this site, so it was refused.");
  }

  const refusal = await refuseMalformedRequest(request);
  if (refusal) return refusal;

  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    development: env.isDevelopment,
    https: appOrigin.startsWith("https:"),
    signInProviderOrigins: providerFormOrigins(env),
  });
  // Next reads the policy from the request to put the nonce on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    "/((?!api/|_next/static/|_next/image|icon.svg|favicon.ico).*)",
    // An API path is checked only when it holds percent-encoding, which may not decode.
    "/api/:path(.*%.*)",
  ],
};
