import type { BetterAuthPluginDBSchema } from "better-auth/db";
import type { InviteOptions } from "./types";

/**
 * The plugin's two models. The raw token is never stored, only its hash.
 * `inviteUse` is unique on (inviteId, usedByUserId): one person spends at
 * most one use of an invitation, even when their two clicks race.
 */
export function inviteSchema(options: InviteOptions["schema"] = {}) {
  const inviteFields = options.invite?.fields ?? {};
  const useFields = options.inviteUse?.fields ?? {};
  return {
    invite: {
      modelName: options.invite?.modelName ?? "invite",
      fields: {
        tokenHash: { type: "string", required: true, unique: true, input: false, fieldName: inviteFields.tokenHash },
        tokenType: { type: "string", required: true, input: false, fieldName: inviteFields.tokenType },
        role: { type: "string", required: true, input: false, fieldName: inviteFields.role },
        email: { type: "string", required: false, input: false, fieldName: inviteFields.email },
        createdByUserId: {
          type: "string",
          required: true,
          input: false,
          references: { model: "user", field: "id", onDelete: "cascade" },
          fieldName: inviteFields.createdByUserId,
        },
        createdAt: { type: "date", required: true, input: false, index: true, fieldName: inviteFields.createdAt },
        expiresAt: { type: "date", required: true, input: false, fieldName: inviteFields.expiresAt },
        maxUses: { type: "number", required: false, input: false, fieldName: inviteFields.maxUses },
        useCount: { type: "number", required: true, defaultValue: 0, input: false, fieldName: inviteFields.useCount },
        usesLeft: { type: "number", required: false, input: false, fieldName: inviteFields.usesLeft },
        status: { type: "string", required: true, defaultValue: "pending", input: false, fieldName: inviteFields.status },
        redirectToAfterUpgrade: { type: "string", required: false, input: false, fieldName: inviteFields.redirectToAfterUpgrade },
        newAccount: { type: "boolean", required: true, defaultValue: false, input: false, fieldName: inviteFields.newAccount },
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
          references: { model: "invite", field: "id", onDelete: "cascade" },
          fieldName: useFields.inviteId,
        },
        usedByUserId: {
          type: "string",
          required: true,
          input: false,
          index: true,
          references: { model: "user", field: "id", onDelete: "cascade" },
          fieldName: useFields.usedByUserId,
        },
        usedAt: { type: "date", required: true, input: false, fieldName: useFields.usedAt },
        previousRole: { type: "string", required: false, input: false, fieldName: useFields.previousRole },
        newRole: { type: "string", required: true, input: false, fieldName: useFields.newRole },
      },
      indexes: [{ fields: ["inviteId", "usedByUserId"], unique: true, name: "invite_use_invite_user_unique" }],
    },
  } satisfies BetterAuthPluginDBSchema;
}
