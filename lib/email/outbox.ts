import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { outboxEmail } from "@/lib/db/schema";
import type { EmailTransport } from "./transport";

export type OutboxEmail = typeof outboxEmail.$inferSelect;

/** Keeps every email in the database instead of sending it, for /dev/outbox to show. */
export function createOutboxTransport(db: Database): EmailTransport {
  return {
    name: "outbox",
    async send(email) {
      await db.insert(outboxEmail).values({ id: crypto.randomUUID(), ...email, to: email.to.trim().toLowerCase() });
    },
  };
}

/** Newest first; `to` narrows to one recipient (case-insensitive, as addresses are). */
export async function listOutboxEmails(db: Database, options: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  const query = db
    .select()
    .from(outboxEmail)
    .orderBy(desc(outboxEmail.createdAt), desc(outboxEmail.id))
    .limit(options.limit ?? 100);
  return options.to ? query.where(eq(outboxEmail.to, options.to.trim().toLowerCase())) : query;
}

export async function findOutboxEmail(db: Database, id: string): Promise<OutboxEmail | undefined> {
  const [email] = await db.select().from(outboxEmail).where(eq(outboxEmail.id, id)).limit(1);
  return email;
}
