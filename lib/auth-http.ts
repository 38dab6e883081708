import "server-only";
import { getAuth } from "@/lib/auth";
import { SERVICE_UNAVAILABLE, serviceUnavailableResponse, unavailableDatabaseCode } from "@/lib/db/unavailable";

/**
 * Better Auth's HTTP entry point, with its 429 made standard: Better Auth
 * answers with only `X-Retry-After` and no error code, while clients and
 * proxies read `Retry-After`, and every error of this app carries a code.
 * A database out of reach answers 503 SERVICE_UNAVAILABLE: Better Auth lets
 * such errors through (`onAPIError.throw`) instead of answering a bare 500.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await getAuth().handler(request);
  } catch (error) {
    const code = unavailableDatabaseCode(error);
    if (code) {
      // The code alone: the wrapped message quotes the SQL and its parameters.
      console.error(`[invite-kit] ${request.method} ${new URL(request.url).pathname}: database unavailable (${code})`);
      return serviceUnavailableResponse();
    }
    throw error;
  }
  if (response.status === 500 && (await codeOf(response)) === SERVICE_UNAVAILABLE.code) {
    // The after hook in lib/auth.ts replaces the body of a 500 Better Auth made from a database failure; the status is ours to set.
    return serviceUnavailableResponse();
  }
  if (response.status !== 429) return response;
  const retryAfter = response.headers.get("x-retry-after") ?? "60";
  const headers = new Headers(response.headers);
  headers.set("retry-after", retryAfter);
  headers.set("content-type", "application/json");
  return new Response(
    JSON.stringify({ code: "TOO_MANY_REQUESTS", message: "Too many requests. Try again later." }),
    { status: 429, headers },
  );
}

async function codeOf(response: Response): Promise<unknown> {
  try {
    return ((await response.clone().json()) as { code?: unknown } | null)?.code;
  } catch {
    // A 500 without a JSON body (an error Better Auth did not describe) is not the outage's.
    return undefined;
  }
}
