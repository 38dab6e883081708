import "server-only";
import { can } from "@/lib/auth/authorization";
import { isOutboxEnabled } from "@/lib/email/mailer";
import { getEnv } from "@/lib/env";

/**
 * Who may read the outbox. It holds every email the app sent, verification and
 * invitation links included: a stranger who reads a verification link verifies
 * that address, then takes a private invitation meant for it. So in production
 * only a user whose role grants `outbox: ["read"]` (admins) reads it. In
 * development (and tests) it stays open: the README's story opens it signed out.
 *
 * `readSession` is called only in production, where the answer depends on it.
 */
export type OutboxAccess = "ALLOWED" | "NOT_FOUND" | "UNAUTHORIZED" | "FORBIDDEN";

export async function outboxAccess(readSession: () => Promise<{ user: { role?: string | null } } | null>): Promise<OutboxAccess> {
  // Emails really go out: there is no outbox to show.
  if (!isOutboxEnabled()) return "NOT_FOUND";
  if (!getEnv().isProduction) return "ALLOWED";
  const session = await readSession();
  if (!session) return "UNAUTHORIZED";
  return can(session.user, { outbox: ["read"] }) ? "ALLOWED" : "FORBIDDEN";
}
