// GET /api/dev/outbox: the emails the outbox transport kept, newest first (404 when emails really go out).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isOutboxEnabled } from "@/lib/email/mailer";
import { listOutboxEmails } from "@/lib/email/outbox";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  to: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export async function GET(request: Request) {
  if (!isOutboxEnabled()) return Response.json({ code: "NOT_FOUND", message: "Not found" }, { status: 404 });
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return Response.json(
      { code: "INVALID_QUERY", message: "`to` must be an email and `limit` a whole number from 1 to 500." },
      { status: 400 },
    );
  }
  const emails = await listOutboxEmails(getDb(), query.data);
  return Response.json(
    {
      emails: emails.map((email) => ({
        id: email.id,
        to: email.to,
        from: email.from,
        subject: email.subject,
        html: email.html,
        text: email.text,
        createdAt: email.createdAt.toISOString(),
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
