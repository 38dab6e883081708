// Making one invitation: every check, the row and its event, and its email. The create and create-many endpoints share it.
import { APIError } from "better-auth/api";
import { z } from "zod";
import { runAfterHook } from "./after-hook";
import { findLiveInvitationFor, releaseEndedInvitations } from "./active-email";
import { assertMayGrant } from "./authority";
import type { GenericEndpointContext } from "./context";
import { INVITE_ERROR_CODES } from "./error-codes";
import { recordEvent } from "./events";
import { MAX_EXPIRES_IN, type ResolvedInviteOptions } from "./options";
import { safeRedirectTarget } from "./redirect";
import { assertUnderInvitationLimit } from "./quota";
import { scheduleReminder } from "./reminders";
import { assertWorthInviting } from "./recipient-checks";
import { adminOptionsOf, roleExists } from "./roles";
import { type PublicInvitation, publicInvitation } from "./serialize";
import { inTransaction, isUniqueViolation, normalizeEmail } from "./store";
import { generateInviteToken, hashToken, timeOrderedId } from "./token";
import type { Invitation, InviteUser } from "./types";
import { inviteLinkURL, sendInvitationEmail } from "./routes/send";
import { text } from "./text";
import { allowedDomainsField, invitationMetadata, personalMessage } from "./invitation-fields";

/**
 * What an invitation is made of, apart from its address: the fields create-many applies to every address it is given
 * (create-many's body is `{ emails }` plus these).
 */
export const sharedInvitationFields = {
  role: text().min(1).max(64),
  expiresIn: z.number().int().positive().max(MAX_EXPIRES_IN).optional(),
  notify: z.boolean().optional(),
  metadata: invitationMetadata.nullable().optional(),
  message: personalMessage.nullable().optional(),
};

export const createInviteBody = z
  .strictObject({
    ...sharedInvitationFields,
    // Trimmed before it is checked: a pasted address often carries spaces.
    email: text().trim().max(254).pipe(z.email()).optional(),
    tokenType: z.enum(["token", "code", "custom"]).optional(),
    maxUses: z.number().int().positive().max(1_000_000).nullable().optional(),
    redirectToAfterUpgrade: text().min(1).max(2048).optional(),
    allowedDomains: allowedDomainsField.nullable().optional(),
  })
  // One person can use an invitation once (inviteUse is unique per person), so a private one has exactly one use.
  .refine((body) => !body.email || body.maxUses === undefined || body.maxUses === 1, {
    message: "An invitation sent to an email address has exactly one use",
    path: ["maxUses"],
  })
  // A private invitation names its one address already: a domain would add nothing, or contradict it.
  .refine((body) => !body.email || !body.allowedDomains, {
    message: "allowedDomains is for shareable invitations: leave it out with an email",
    path: ["allowedDomains"],
  });

/** One invitation asked for, as create's body gives it (create-many gives one per address). */
export type InvitationRequest = z.infer<typeof createInviteBody>;

export type CreatedInvitation = { invitation: PublicInvitation; token: string; url: string };

/**
 * The invitation and its "created" event, in one transaction. Short codes can collide with a live one: draw again,
 * a few times. A private invitation can also meet another live one for its address (the unique `activeEmail`):
 * that is refused, never a second live invitation.
 */
async function insertInvitation(
  ctx: GenericEndpointContext,
  data: Omit<Invitation, "id">,
  inviter: InviteUser,
  redraw: () => Promise<string>,
): Promise<Invitation> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx, async (trx) => {
        // Our own id (time-ordered, see timeOrderedId): Better Auth's create types omit it, hence the variable.
        const row: Invitation = { id: timeOrderedId(data.createdAt.getTime()), ...data };
        const invitation = await trx.create<Omit<Invitation, "id">, Invitation>({ model: "invite", data: row, forceAllowId: true });
        await recordEvent(trx, {
          inviteId: invitation.id,
          type: "created",
          actor: inviter,
          at: data.createdAt,
          details: { role: data.role, email: data.email, tokenType: data.tokenType, maxUses: data.maxUses, expiresAt: data.expiresAt },
        });
        return invitation;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (data.email && (await findLiveInvitationFor(ctx.context.adapter, data.email))) {
        throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_INVITED);
      }
      if (attempt === 5) throw error;
      data.tokenHash = await redraw();
    }
  }
}

/** Undoes a create whose email could not be sent: nobody received the token, so it never happened. */
async function discardInvitation(ctx: GenericEndpointContext, invitation: Invitation): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await trx.deleteMany({ model: "inviteEvent", where: [{ field: "inviteId", value: invitation.id }] });
    await trx.delete({ model: "invite", where: [{ field: "id", value: invitation.id }] });
  });
}

/**
 * Makes one invitation for `inviter`, or throws the APIError that says why not. The checks come first, in the order
 * the endpoint documents; nothing is written before they pass, and an email that cannot be sent undoes the row.
 */
export async function createInvitation(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
  request: InvitationRequest,
  // "server": made by server code (POST /invite/issue), which holds every power: no grant check.
  { authority }: { authority: "inviter" | "server" } = { authority: "inviter" },
): Promise<CreatedInvitation> {
  const admin = adminOptionsOf(ctx);
  const { role } = request;
  const email = request.email ? normalizeEmail(request.email) : null;

  if (!roleExists(admin, role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
  if (authority === "inviter") await assertMayGrant(ctx, options, inviter, { email, role });
  const notify = email !== null && request.notify !== false;
  if (notify && !options.sendUserInvitation) {
    throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);
  }
  const requested = request.redirectToAfterUpgrade;
  const redirect = requested === undefined ? null : safeRedirectTarget(ctx, requested);
  if (requested !== undefined && redirect === null) {
    throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVALID_REDIRECT_URL);
  }
  const tokenType = request.tokenType ?? options.defaultTokenType;
  if (tokenType === "custom" && !options.generateToken) {
    throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.CUSTOM_TOKEN_NOT_ENABLED);
  }

  const invitee = email ? await assertWorthInviting(ctx, options, inviter, { email, role }) : null;
  await assertUnderInvitationLimit(ctx, options, inviter);
  let token = generateInviteToken(tokenType, options.generateToken);
  const now = new Date();
  const maxUses = email ? 1 : request.maxUses === undefined ? options.defaultMaxUses : request.maxUses;
  const data: Omit<Invitation, "id"> = {
    tokenHash: await hashToken(token),
    tokenType,
    role,
    email,
    activeEmail: email,
    createdByUserId: inviter.id,
    createdByName: inviter.name,
    createdByEmail: inviter.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + (request.expiresIn ?? options.invitationTokenExpiresIn) * 1000),
    maxUses,
    useCount: 0,
    usesLeft: maxUses,
    status: "pending",
    redirectToAfterUpgrade: redirect,
    newAccount: email !== null && !invitee,
    metadata: request.metadata ?? null,
    message: request.message || null,
    allowedDomains: request.allowedDomains ?? null,
    remindAt: null,
    sealedToken: null,
    previousTokenHash: null,
  };
  await options.inviteHooks?.beforeCreateInvite?.({ invitation: data, inviterUser: inviter, ctx });
  // The hook may have changed the limit: the claim's guard must follow it.
  data.usesLeft = data.maxUses === null ? null : data.maxUses - data.useCount;
  // Sealed with the token the email carries: a code drawn again below is sealed again.
  const reminder = () => scheduleReminder(ctx, options, { token, emailed: notify, expiresAt: data.expiresAt, now });
  Object.assign(data, await reminder());
  if (email) await releaseEndedInvitations(ctx.context.adapter, email, now);
  const invitation = await insertInvitation(ctx, data, inviter, async () => {
    token = generateInviteToken(tokenType, options.generateToken);
    Object.assign(data, await reminder());
    return hashToken(token);
  });

  if (notify && email) {
    try {
      await sendInvitationEmail(ctx, options, { invitation, token, inviter, inviteeName: invitee?.user.name });
    } catch (error) {
      await discardInvitation(ctx, invitation);
      ctx.context.logger.error("Could not send the invitation email", error);
      throw APIError.from("BAD_GATEWAY", INVITE_ERROR_CODES.ERROR_SENDING_THE_INVITATION_EMAIL);
    }
    try {
      await recordEvent(ctx.context.adapter, { inviteId: invitation.id, type: "emailed", actor: inviter, details: { to: email } });
    } catch (error) {
      // The invitation exists and its email is out: a lost log line must not report the create as failed.
      ctx.context.logger.error('The invitation was sent, but its "emailed" event could not be written', error);
    }
  }
  await runAfterHook(ctx, "afterCreateInvite", () => options.inviteHooks?.afterCreateInvite?.({ invitation, inviterUser: inviter, ctx }));
  return { invitation: publicInvitation(invitation), token, url: inviteLinkURL(ctx, token) };
}
