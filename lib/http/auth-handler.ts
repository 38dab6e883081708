import "server-only";
import { getAuth } from "@/lib/auth/server";
import { TIMED_OUT, within } from "@/lib/http/deadline";
import { SERVICE_UNAVAILABLE, serviceUnavailableResponse, unavailableDatabaseCode } from "@/lib/errors/unavailable";
import { withErrorCode, withinBodyLimit } from "@/lib/http/guards";
import { log } from "@/lib/log";

/**
 * Better Auth's HTTP entry point, with its errors made standard:
 * - bodies over 1 MB are refused before Better Auth parses them (lib/http/guards.ts);
 * - a database out of reach answers 503 SERVICE_UNAVAILABLE: Better Auth lets such errors
 *   through (`onAPIError.throw`) instead of answering a bare 500; so does one that takes the
 *   connection and never answers, once ANSWER_DEADLINE_MS have passed;
 * - its 429 carries `Retry-After` (Better Auth sends only `X-Retry-After`, which clients and
 *   proxies do not read) and a code, as every error of this app does.
 */
/**
 * Far longer than any healthy call takes. A database behind a proxy or pooler that accepts connections
 * and never answers (or closes them during the handshake: porsager/postgres#1193) would otherwise hold
 * the request, and its caller, forever.
 */
const ANSWER_DEADLINE_MS = 15_000;

export async function handleAuthRequest(request: Request): Promise<Response> {
  const bounded = await withinBodyLimit(request);
  if (bounded instanceof Response) return bounded;
  let response: Response;
  try {
    const answer = await within(getAuth().handler(bounded), ANSWER_DEADLINE_MS);
    if (answer === TIMED_OUT) {
      log.error(`[invite-kit] ${request.method} ${new URL(request.url).pathname}: no answer within ${ANSWER_DEADLINE_MS / 1000} s`);
      return serviceUnavailableResponse();
    }
    response = answer;
  } catch (error) {
    const code = unavailableDatabaseCode(error);
    if (code) {
      // The code alone: the wrapped message quotes the SQL and its parameters.
      log.error(
        `[invite-kit] ${request.method} ${new URL(request.url).pathname}: ${code === "REDIS_UNAVAILABLE" ? "Redis" : "database"} unavailable (${code})`,
      );
      return serviceUnavailableResponse();
    }
    throw error;
  }
  if (response.status === 500 && (await codeOf(response)) === SERVICE_UNAVAILABLE.code) {
    // The after hook in lib/auth/server.ts replaces the body of a 500 Better Auth made from a database failure; the status is ours to set.
    return serviceUnavailableResponse();
  }
  if (response.status !== 429) return withErrorCode(response);
  const retryAfter = response.headers.get("x-retry-after") ?? "60";
  const headers = new Headers(response.headers);
  headers.set("retry-after", retryAfter);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify({ code: "TOO_MANY_REQUESTS", message: "Too many requests. Try again later." }), {
    status: 429,
    headers,
  });
}

async function codeOf(response: Response): Promise<unknown> {
  try {
    return ((await response.clone().json()) as { code?: unknown } | null)?.code;
  } catch {
    // A 500 without a JSON body (an error Better Auth did not describe) is not the outage's.
    return undefined;
  }
}
