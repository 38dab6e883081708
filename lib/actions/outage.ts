import "server-only";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/db/unavailable";

/** A database outage as a form's answer, so the person reads what happened instead of an error page; any other error is thrown on. */
export function outageStateOrThrow(error: unknown): { status: "error"; message: string } {
  if (isServiceUnavailable(error)) return { status: "error", message: SERVICE_UNAVAILABLE.message };
  throw error;
}
