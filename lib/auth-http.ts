import "server-only";
import { getAuth } from "@/lib/auth";
import { withErrorCode, withinBodyLimit } from "@/lib/http-guards";

/**
 * Better Auth's HTTP entry point, with its 429 made standard: Better Auth
 * answers with only `X-Retry-After` and no error code, while clients and
 * proxies read `Retry-After`, and every error of this app carries a code.
 * Bodies over 1 MB are refused before Better Auth parses them (lib/http-guards.ts).
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const bounded = await withinBodyLimit(request);
  if (bounded instanceof Response) return bounded;
  const response = await getAuth().handler(bounded);
  if (response.status !== 429) return withErrorCode(response);
  const retryAfter = response.headers.get("x-retry-after") ?? "60";
  const headers = new Headers(response.headers);
  headers.set("retry-after", retryAfter);
  headers.set("content-type", "application/json");
  return new Response(
    JSON.stringify({ code: "TOO_MANY_REQUESTS", message: "Too many requests. Try again later." }),
    { status: 429, headers },
  );
}
