// Reminders: a private invitation that was emailed and is still pending after `remindAfter` gets one more email, with the
// same link. The link's token is never stored in the clear; while a reminder is due it is kept sealed (sealedToken).
import type { Where } from "better-auth";
import { APIError } from "better-auth/api";
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { creatorWhoMayStillGrant } from "./authority";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import { recordEvent } from "./events";
import { usableNoLonger, usableNow } from "./lifecycle";
import type { ResolvedInviteOptions } from "./options";
import { sendInvitationEmail } from "./routes/send";
import { inTransaction } from "./store";
import type { Invitation } from "./types";

/** What an invitation keeps while its reminder is due: when it is, and its token sealed. */
export type ReminderFields = Pick<Invitation, "remindAt" | "sealedToken">;

/** No reminder due: what every write that ends an invitation (accept, cancel, decline, its creator removed) sets. */
export const NO_REMINDER: ReminderFields = { remindAt: null, sealedToken: null };

/**
 * The reminder of an invitation about to be emailed with `token`, at create and at resend: due `remindAfter` from now,
 * when that falls before it expires (else there is nothing to remind of), and none for one that is not emailed.
 *
 * The token is sealed with Better Auth's secret (XChaCha20-Poly1305, under its rotation-aware `secretConfig`, as its own plugins seal
 * what they must read back): a copy of the database alone yields no token, and the secret alone no invitation.
 */
export async function scheduleReminder(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: { token: string; emailed: boolean; expiresAt: Date; now: Date },
): Promise<ReminderFields> {
  if (!invitation.emailed || options.remindAfter === false) return NO_REMINDER;
  const remindAt = new Date(invitation.now.getTime() + options.remindAfter * 1000);
  if (remindAt.getTime() >= invitation.expiresAt.getTime()) return NO_REMINDER;
  return { remindAt, sealedToken: await symmetricEncrypt({ key: ctx.context.secretConfig, data: invitation.token }) };
}

/** What one run did: reminders sent, sends that failed (due again at the next run), and due ones given up (see remind). */
export type ReminderRun = { sent: number; failed: number; skipped: number; hasMore: boolean };

const PAGE_SIZE = 50;

const HAS_A_REMINDER: Where = { field: "remindAt", operator: "ne", value: null };
// `ne null` too: Better Auth's memory adapter compares null as 0, so `lte` alone would find every invitation.
const dueAt = (now: Date): Where[] => [HAS_A_REMINDER, { field: "remindAt", operator: "lte", value: now }];

/**
 * Sends the reminders due now, oldest first, at most `limit` of them, in pages. Runs may overlap (a scheduler firing
 * twice, two instances): each invitation is claimed by one guarded UPDATE before anything is sent, so only one of them
 * sends it.
 */
export async function sendDueReminders(ctx: GenericEndpointContext, options: ResolvedInviteOptions, limit: number): Promise<ReminderRun> {
  const adapter = ctx.context.adapter;
  const run: ReminderRun = { sent: 0, failed: 0, skipped: 0, hasMore: false };
  if (options.remindAfter === false) {
    // Turned off: none will ever be sent, so no sealed token is kept for one.
    await adapter.updateMany({ model: "invite", where: [HAS_A_REMINDER], update: NO_REMINDER });
    return run;
  }
  if (!options.sendUserInvitation) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);

  const now = new Date();
  // Invitations that ended without passing through the plugin's writes (they expired, or SQL changed them) drop theirs.
  await adapter.updateMany({ model: "invite", where: usableNoLonger(now, HAS_A_REMINDER), update: NO_REMINDER });

  // A failed send puts its reminder back as due: it waits for the next run, not for this one's next page.
  const failed: string[] = [];
  const due = (size: number) =>
    adapter.findMany<Invitation>({
      model: "invite",
      where: usableNow(now, ...dueAt(now), ...(failed.length > 0 ? [{ field: "id", operator: "not_in" as const, value: failed }] : [])),
      sortBy: { field: "remindAt", direction: "asc" },
      limit: size,
    });
  for (let examined = 0; examined < limit;) {
    const page = await due(Math.min(PAGE_SIZE, limit - examined));
    if (page.length === 0) return run;
    for (const invitation of page) {
      examined++;
      const outcome = await remind(ctx, options, invitation, now);
      if (outcome === "failed") failed.push(invitation.id);
      if (outcome !== "taken") run[outcome]++;
    }
  }
  run.hasMore = (await due(1)).length > 0;
  return run;
}

/**
 * One reminder. "taken": another run claimed it first, or it ended meanwhile. "skipped": given up for good, with its
 * sealed token: the creator may no longer grant the role (the reminder would carry their authority, as a resend does),
 * or the token cannot be unsealed (Better Auth's secret changed without keeping the old one).
 */
async function remind(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  invitation: Invitation,
  now: Date,
): Promise<"sent" | "failed" | "skipped" | "taken"> {
  const adapter = ctx.context.adapter;
  const { email, sealedToken } = invitation;
  if (!email || !sealedToken) return "taken";
  const invitee = await ctx.context.internalAdapter.findUserByEmail(email);
  const stillSealed: Where[] = [
    { field: "id", value: invitation.id },
    { field: "sealedToken", value: sealedToken },
  ];
  // The claim: the UPDATE finds the row only while it is still due with the token read above, so of two runs that read
  // it, one sets remindAt to null and the other then finds nothing (a resend, which seals a new token, also wins over
  // both). The sealed token is the guard rather than remindAt itself: the memory adapter compares dates by identity.
  // Like a resend, it tells a sign-up from an upgrade as things are now.
  const claimed = await adapter.update<Invitation>({
    model: "invite",
    where: usableNow(now, ...dueAt(now), ...stillSealed),
    update: { remindAt: null, newAccount: !invitee },
  });
  if (!claimed?.email) return "taken";
  const giveUp = () => adapter.update({ model: "invite", where: stillSealed, update: { sealedToken: null } });

  const creator = await creatorWhoMayStillGrant(ctx, options, claimed, adapter);
  if (!creator) {
    await giveUp();
    await recordEvent(adapter, {
      inviteId: claimed.id,
      type: "refused",
      actor: null,
      details: { action: "remind", code: INVITE_ERROR_CODES.INVITER_NOT_ALLOWED.code },
    });
    return "skipped";
  }
  let token: string;
  try {
    token = await symmetricDecrypt({ key: ctx.context.secretConfig, data: sealedToken });
  } catch (error) {
    await giveUp();
    ctx.context.logger.error(`The reminder of invitation ${claimed.id} was dropped: its token could not be unsealed`, error);
    return "skipped";
  }

  try {
    await sendInvitationEmail(ctx, options, {
      invitation: claimed,
      token,
      inviter: creator,
      inviteeName: invitee?.user.name,
      reminder: true,
    });
  } catch (error) {
    // Due again for the next run, unless the invitation changed meanwhile: a resend sealed a new token and set its own
    // reminder, an end cleared both. Either way, what it holds now is what counts.
    await adapter.update({
      model: "invite",
      where: [...stillSealed, { field: "remindAt", value: null }],
      update: { remindAt: invitation.remindAt },
    });
    ctx.context.logger.error(`Could not send the reminder of invitation ${claimed.id}; the next run tries again`, error);
    return "failed";
  }
  try {
    await inTransaction(ctx, async (trx) => {
      // Sent: the token is no longer needed, and without it no second reminder could be sent.
      await trx.update({ model: "invite", where: stillSealed, update: { sealedToken: null } });
      await recordEvent(trx, { inviteId: claimed.id, type: "reminded", actor: null, details: { to: claimed.email } });
    });
  } catch (error) {
    // The reminder is out and claimed (its remindAt is null): a lost log line must not make it count as failed.
    ctx.context.logger.error(`The reminder of invitation ${claimed.id} was sent, but its "reminded" event could not be written`, error);
  }
  return "sent";
}
