import "server-only";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/db/unavailable";

/** A database outage in words, so the person reads what happened instead of an error page; any other error is thrown on. */
export function outageMessageOrThrow(error: unknown): string {
  if (isServiceUnavailable(error)) return SERVICE_UNAVAILABLE.message;
  throw error;
}

/** The same, as a form's answer. */
export function outageStateOrThrow(error: unknown): { status: "error"; message: string } {
  return { status: "error", message: outageMessageOrThrow(error) };
}
