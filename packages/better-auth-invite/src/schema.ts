import type { BetterAuthPluginDBSchema } from "better-auth/db";
import type { InviteOptions } from "./types";

/**
 * The plugin's three models. The raw token is never stored, only its hash.
 *
 * The audit must outlive anyone it names: an invitation, its uses and its events keep each person's
 * id and a snapshot of who they were (name and email at the time). The ids reference no user: a
 * foreign key would either delete the record with the user (`cascade`), forget the id (`set null`)
 * or refuse the user's deletion. Invitations themselves are never deleted once anyone could hold
 * their token: `restrict` on the rows that point at them makes a stray delete fail instead of
 * erasing who granted what.
 */
export function inviteSchema(options: InviteOptions["schema"] = {}) {
  const inviteFields = options.invite?.fields ?? {};
  const useFields = options.inviteUse?.fields ?? {};
  const eventFields = options.inviteEvent?.fields ?? {};
  return {
    invite: {
      modelName: options.invite?.modelName ?? "invite",
      fields: {
        tokenHash: { type: "string", required: true, unique: true, input: false, fieldName: inviteFields.tokenHash },
        tokenType: { type: "string", required: true, input: false, fieldName: inviteFields.tokenType },
        role: { type: "string", required: true, input: false, fieldName: inviteFields.role },
        email: { type: "string", required: false, input: false, fieldName: inviteFields.email },
        // The address while the invitation may still be used, else null: unique, so that one address never
        // holds two live invitations, however many creates race (see active-email.ts).
        activeEmail: { type: "string", required: false, unique: true, input: false, fieldName: inviteFields.activeEmail },
        createdByUserId: { type: "string", required: true, input: false, fieldName: inviteFields.createdByUserId },
        createdByName: { type: "string", required: true, input: false, fieldName: inviteFields.createdByName },
        createdByEmail: { type: "string", required: true, input: false, fieldName: inviteFields.createdByEmail },
        createdAt: { type: "date", required: true, input: false, index: true, fieldName: inviteFields.createdAt },
        // Indexed for the list's sortBy=expiresAt: a page by expiry is then read off the index, not sorted whole.
        expiresAt: { type: "date", required: true, input: false, index: true, fieldName: inviteFields.expiresAt },
        maxUses: { type: "number", required: false, input: false, fieldName: inviteFields.maxUses },
        useCount: { type: "number", required: true, defaultValue: 0, input: false, fieldName: inviteFields.useCount },
        usesLeft: { type: "number", required: false, input: false, fieldName: inviteFields.usesLeft },
        status: { type: "string", required: true, defaultValue: "pending", input: false, fieldName: inviteFields.status },
        redirectToAfterUpgrade: { type: "string", required: false, input: false, fieldName: inviteFields.redirectToAfterUpgrade },
        newAccount: { type: "boolean", required: true, defaultValue: false, input: false, fieldName: inviteFields.newAccount },
        // The creator's own data (at most 4 kB of JSON): shown to the creator and admins, never to a token holder.
        metadata: { type: "json", required: false, input: false, fieldName: inviteFields.metadata },
        // A personal note to the invitee, plain text, shown escaped in the email and on the accept page.
        message: { type: "string", required: false, input: false, fieldName: inviteFields.message },
        // Shareable invitations only: the lower-cased domains whose verified addresses may accept it.
        allowedDomains: { type: "json", required: false, input: false, fieldName: inviteFields.allowedDomains },
        // When a reminder is due; null when none is (shareable, not emailed, already reminded, or ended).
        remindAt: { type: "date", required: false, input: false, index: true, fieldName: inviteFields.remindAt },
        // The raw token, encrypted with Better Auth's secret, kept only until the reminder is sent: a reminder
        // carries the same link, and the database alone (a leaked dump) never yields a usable token.
        sealedToken: { type: "string", required: false, input: false, fieldName: inviteFields.sealedToken },
        // The hash of the token the last resend replaced: its old link then answers INVITE_LINK_REPLACED, not
        // INVALID_TOKEN, so the invitee is not told they copied it wrong. Indexed: a look-up that misses reads it.
        previousTokenHash: { type: "string", required: false, input: false, index: true, fieldName: inviteFields.previousTokenHash },
      },
      // Each list filter has an index. Better Auth's schema cannot name the implicit id in an index; the app's own
      // migration (lib/db/schema.ts) extends each with the id, so that a newest-first page is read straight off it.
      indexes: [
        { fields: ["createdByUserId"], name: "invite_created_by_user_id_idx" },
        { fields: ["status"], name: "invite_status_idx" },
        { fields: ["role"], name: "invite_role_idx" },
        { fields: ["email"], name: "invite_email_idx" },
      ],
    },
    inviteUse: {
      modelName: options.inviteUse?.modelName ?? "inviteUse",
      fields: {
        inviteId: {
          type: "string",
          required: true,
          input: false,
          index: true,
          references: { model: "invite", field: "id", onDelete: "restrict" },
          fieldName: useFields.inviteId,
        },
        usedByUserId: { type: "string", required: true, input: false, index: true, fieldName: useFields.usedByUserId },
        usedByName: { type: "string", required: true, input: false, fieldName: useFields.usedByName },
        usedByEmail: { type: "string", required: true, input: false, fieldName: useFields.usedByEmail },
        usedAt: { type: "date", required: true, input: false, fieldName: useFields.usedAt },
        previousRole: { type: "string", required: false, input: false, fieldName: useFields.previousRole },
        newRole: { type: "string", required: true, input: false, fieldName: useFields.newRole },
        // The invitation's metadata as it was when this use was taken.
        metadata: { type: "json", required: false, input: false, fieldName: useFields.metadata },
      },
      indexes: [{ fields: ["inviteId", "usedByUserId"], unique: true, name: "invite_use_invite_user_unique" }],
    },
    inviteEvent: {
      modelName: options.inviteEvent?.modelName ?? "inviteEvent",
      fields: {
        inviteId: {
          type: "string",
          required: true,
          input: false,
          index: true,
          references: { model: "invite", field: "id", onDelete: "restrict" },
          fieldName: eventFields.inviteId,
        },
        type: { type: "string", required: true, input: false, fieldName: eventFields.type },
        // Null for what nobody did (a reminder sent by a schedule).
        actorUserId: { type: "string", required: false, input: false, index: true, fieldName: eventFields.actorUserId },
        actorName: { type: "string", required: false, input: false, fieldName: eventFields.actorName },
        actorEmail: { type: "string", required: false, input: false, fieldName: eventFields.actorEmail },
        at: { type: "date", required: true, input: false, fieldName: eventFields.at },
        details: { type: "json", required: false, input: false, fieldName: eventFields.details },
      },
      indexes: [{ fields: ["type"], name: "invite_event_type_idx" }],
    },
  } satisfies BetterAuthPluginDBSchema;
}
