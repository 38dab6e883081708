import "server-only";
import { getAuth } from "@/lib/auth/server";

/** What the reminders run did, over all its batches. */
export type RemindersRun = { sent: number; failed: number; skipped: number; hasMore: boolean };

// A run does at most this many batches of the plugin's default 100: a scheduler's call must end well within its
// timeout, and what is left (`hasMore`) goes out at the next run.
const MAX_BATCHES = 5;

/**
 * Sends the invitation reminders that are due, through the plugin (which claims each one, so overlapping runs are
 * safe). Stops at the first batch with a failed send: the mail server is likely down for the others too, and the
 * failed ones are due again at the next run.
 */
export async function sendInviteReminders(): Promise<RemindersRun> {
  const total: RemindersRun = { sent: 0, failed: 0, skipped: 0, hasMore: false };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const run = await getAuth().api.sendInviteReminders({ body: {} });
    total.sent += run.sent;
    total.failed += run.failed;
    total.skipped += run.skipped;
    total.hasMore = run.hasMore;
    if (!run.hasMore || run.failed > 0) break;
  }
  return total;
}
