// POST /api/cron/invite-reminders: a scheduler's call (cron, Vercel Cron) that sends the invitation reminders due now.
import { getEnv } from "@/lib/env";
import { isServiceUnavailable, serviceUnavailableResponse } from "@/lib/errors/unavailable";
import { cronRefusal } from "@/lib/http/cron-auth";
import { sendInviteReminders } from "@/lib/invitations/reminders";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const refusal = cronRefusal(request, getEnv().cronSecret);
  if (refusal) return refusal;
  try {
    const run = await sendInviteReminders();
    log.info(`Invitation reminders: ${run.sent} sent, ${run.failed} failed, ${run.skipped} dropped${run.hasMore ? ", more due" : ""}.`);
    return Response.json(run, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isServiceUnavailable(error)) return serviceUnavailableResponse();
    throw error;
  }
}

// Vercel Cron sends only GET: the same handler, behind the same bearer secret, which no browser sends by itself, so
// no link, prefetch or mail scanner can set it off.
export const GET = POST;
