import "server-only";
import { getAuth } from "@/lib/auth/server";
import { codeOf, isExpectedAuthError, retryAfterOf } from "@/lib/errors/messages";
import { log } from "@/lib/log";
import { limitLikeEndpoint } from "@/lib/rate-limit/like-endpoint";

/*
 * Revoke, resend and restore for several invitations of the table at once, each through the plugin on its own, which
 * checks the session and the permission for each: one refused does not stop the others, and each refusal is told.
 */

export type ManageIntent = "revoke" | "resend" | "restore";

/** What became of one invitation: done, or the plugin's code for why not (null: an outage or a bug, logged). */
export type ManageOutcome = { id: string; ok: true } | { id: string; ok: false; code: string | null };

/** `act` throws the plugin's refusal, or answers a refusal code of its own (a spent budget) without calling it. */
async function eachOf(ids: string[], act: (id: string) => Promise<string | undefined>): Promise<ManageOutcome[]> {
  const outcomes: ManageOutcome[] = [];
  // One at a time: ten invitations at most, and each resend sends an email, which must not race its rate limit.
  for (const id of ids) {
    try {
      const refusal = await act(id);
      outcomes.push(refusal ? { id, ok: false, code: refusal } : { id, ok: true });
    } catch (error) {
      if (!isExpectedAuthError(error)) log.error("[invite-kit] bulk invitation action failed", error);
      outcomes.push({ id, ok: false, code: retryAfterOf(error) === null ? codeOf(error) : "TOO_MANY_REQUESTS" });
    }
  }
  return outcomes;
}

export async function manageEach(intent: ManageIntent, ids: string[], headers: Headers): Promise<ManageOutcome[]> {
  const api = getAuth().api;
  if (intent === "revoke") return eachOf(ids, async (id) => void (await api.cancelInvite({ body: { id }, headers })));
  if (intent === "restore") return eachOf(ids, async (id) => void (await api.restoreInvite({ body: { id }, headers })));
  return eachOf(ids, async (id) => {
    // Each resend sends an email: each counts against POST /invite/resend's budget, as the row's Resend does.
    const limit = await limitLikeEndpoint("/invite/resend", headers);
    if (!limit.allowed) return "TOO_MANY_REQUESTS";
    await api.resendInvite({ body: { id }, headers });
    return undefined;
  });
}

const done = { revoke: "Revoked", resend: "Resent", restore: "Restored" } satisfies Record<ManageIntent, string>;

/**
 * Why one was not done, after "1 was" or "2 were". Skipped ones (a shareable link cannot be resent) are said apart.
 * The words follow inviteStatusLabels: the admin pressed Revoke, the invitee Decline.
 */
const reasons: Record<string, string> = {
  NO_USES_LEFT_FOR_INVITE: "already used",
  INVITE_CANCELED: "already revoked or declined",
  INVITE_EXPIRED: "expired",
  INVALID_TOKEN: "not found",
  INSUFFICIENT_PERMISSIONS: "not yours to change, or for a role you may not grant",
  ROLE_ABOVE_INVITER: "for a role above yours",
  INVITER_NOT_ALLOWED: "made by someone who can no longer grant its role",
  ALREADY_INVITED: "replaced by a newer invitation to the same address",
  ERROR_SENDING_THE_INVITATION_EMAIL: "not emailed: sending failed, and the earlier link still works",
  TOO_MANY_REQUESTS: "not sent: too many emails in a minute, try again shortly",
  INVITE_NOT_CANCELED: "not revoked any more",
  RESTORE_WINDOW_PASSED: `revoked too long ago to undo`,
};

const was = (count: number) => (count === 1 ? "1 was" : `${count} were`);
const invitations = (count: number) => (count === 1 ? "1 invitation" : `${count} invitations`);

/** "Revoked 3 of 4: 1 was already used." — what a bulk action did, counted, with each kind of refusal. */
export function manageSummary(intent: ManageIntent, outcomes: ManageOutcome[]): string {
  const succeeded = outcomes.filter((outcome) => outcome.ok).length;
  const refused = new Map<string, number>();
  let skipped = 0;
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    if (outcome.code === "INVITE_IS_NOT_PRIVATE" || outcome.code === "INVITATION_EMAIL_NOT_ENABLED") {
      skipped += 1;
      continue;
    }
    const reason = (outcome.code && reasons[outcome.code]) ?? "not changed: something went wrong on our side";
    refused.set(reason, (refused.get(reason) ?? 0) + 1);
  }
  const parts = [...refused].map(([reason, count]) => `${was(count)} ${reason}`);
  if (skipped > 0) {
    parts.push(
      `${skipped === 1 ? "1 was skipped: it is a shareable link or code" : `${skipped} were skipped: they are shareable links or codes`}, sent to nobody`,
    );
  }
  const total = outcomes.length;
  const head = succeeded === total ? `${done[intent]} ${invitations(total)}` : `${done[intent]} ${succeeded} of ${total}`;
  const tail = intent === "restore" && succeeded > 0 ? ` ${succeeded === 1 ? "Its link works" : "Their links work"} again.` : "";
  return `${head}${parts.length ? `: ${parts.join("; ")}` : ""}.${tail}`;
}
