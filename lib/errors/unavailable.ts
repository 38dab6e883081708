import { APIError, isAPIError } from "better-auth/api";

/**
 * A database that cannot be reached, or that dropped the connection, is an
 * outage to wait out (503), not a bug (500). So is Redis, when REDIS_URL is set. The request did nothing: a
 * transaction cut mid-way is rolled back by PostgreSQL when its connection
 * dies, and nothing here retries it, since a commit whose answer was lost may
 * have landed (a retry of an accept then meets INVITE_ALREADY_ACCEPTED).
 */
export const SERVICE_UNAVAILABLE = {
  code: "SERVICE_UNAVAILABLE",
  // Not "nothing was changed": when the connection dies after COMMIT was sent, the change may have landed.
  message: "The service is temporarily unavailable. Try again in a moment.",
} as const;

// Node's socket errors, postgres-js's own for a connection it lost or could not open, and
// lib/redis/client.ts's for a Redis out of reach (sessions and rate limits live there when REDIS_URL is set).
const connectionErrorCodes = new Set([
  "REDIS_UNAVAILABLE",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

// SQLSTATE: class 08 (connection exception), the server shutting down or starting (57P01-57P03), too many connections (53300).
const unavailableStates = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/**
 * The code that says the database is out of reach (ECONNREFUSED, CONNECTION_CLOSED, 57P01...), found in `error`
 * or anywhere in its `cause` chain (Drizzle and Better Auth wrap the driver's error), or null.
 */
export function unavailableDatabaseCode(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && (connectionErrorCodes.has(code) || unavailableStates.test(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableDatabaseCode(error) !== null;
}

/** A database out of reach, or the 503 Better Auth answered for it (see lib/auth/server.ts): what a server action tells the person instead of failing. */
export function isServiceUnavailable(error: unknown): boolean {
  if (isAPIError(error) && error.body?.code === SERVICE_UNAVAILABLE.code) return true;
  return isDatabaseUnavailable(error);
}

/** The error a Better Auth endpoint answers with while the database is out of reach. */
export function serviceUnavailableError(): APIError {
  return APIError.from("SERVICE_UNAVAILABLE", SERVICE_UNAVAILABLE);
}

/** The same answer as an HTTP response, for errors that escape Better Auth's router. */
export function serviceUnavailableResponse(): Response {
  return Response.json(SERVICE_UNAVAILABLE, { status: 503, headers: { "retry-after": "5", "cache-control": "no-store" } });
}
