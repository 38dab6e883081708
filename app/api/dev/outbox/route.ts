// GET /api/dev/outbox: the emails the outbox transport kept, newest first (404 when emails really go out; admins only in production).
import { z } from "zod";
import { getAuth } from "@/lib/auth/server";
import { getDb } from "@/lib/db";
import { listOutboxEmails } from "@/lib/email/outbox";
import { outboxAccess } from "@/lib/email/outbox-access";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  to: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const refusals = {
  NOT_FOUND: { status: 404, message: "Not found" },
  UNAUTHORIZED: { status: 401, message: "Sign in as an admin to read the outbox." },
  FORBIDDEN: { status: 403, message: "Only an admin may read the outbox." },
} as const;

export async function GET(request: Request) {
  const access = await outboxAccess(() => getAuth().api.getSession({ headers: request.headers }));
  if (access !== "ALLOWED") {
    const { status, message } = refusals[access];
    return Response.json({ code: access, message }, { status, headers: { "Cache-Control": "no-store" } });
  }
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
