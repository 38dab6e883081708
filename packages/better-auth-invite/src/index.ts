import type { BetterAuthPlugin } from "better-auth";
import { INVITE_ERROR_CODES } from "./error-codes";
import { acceptAfterSignIn, beforeUserCreate, beforeUserDelete, chargeCookieLookups } from "./hooks";
import { resolveOptions } from "./options";
import { assertGrantable } from "./permission";
import { findAdminOptions } from "./roles";
import { acceptInvite } from "./routes/accept";
import { activateInvite } from "./routes/activate";
import { cancelInvite } from "./routes/cancel";
import { checkInvite } from "./routes/check";
import { createInvite } from "./routes/create";
import { createManyInvites } from "./routes/create-many";
import { getInviteFunnel } from "./routes/funnel";
import { getInvite } from "./routes/get";
import { issueInvite } from "./routes/issue";
import { openInviteLink } from "./routes/link";
import { listInviteEvents } from "./routes/events";
import { listInvites } from "./routes/list";
import { getInviteQuota } from "./routes/quota";
import { getInviteRecipient } from "./routes/recipient";
import { rejectInvite } from "./routes/reject";
import { resendInvite } from "./routes/resend";
import { restoreInvite } from "./routes/restore";
import { sendInviteReminders } from "./routes/send-reminders";
import { inviteSchema } from "./schema";
import { requireInviteUseIndex } from "./schema-check";
import type { InviteOptions } from "./types";

/**
 * Role-based invitations for Better Auth: someone allowed to grant a role
 * creates an invitation that carries it; the invitee accepts and holds it.
 * Needs the admin plugin, whose roles and access control it uses.
 */
export const invite = (userOptions: InviteOptions = {}) => {
  const options = resolveOptions(userOptions);
  return {
    id: "invite",
    init(context) {
      const admin = findAdminOptions(context.options.plugins);
      assertGrantable("canCreateInvite", options.canCreateInvite, admin);
      assertGrantable("canAcceptInvite", options.canAcceptInvite, admin);
      assertGrantable("canCancelInvite", options.canCancelInvite, admin);
      return {
        options: {
          databaseHooks: { user: { create: { before: beforeUserCreate(options) }, delete: { before: beforeUserDelete() } } },
        },
      };
    },
    endpoints: {
      createInvite: createInvite(options),
      createManyInvites: createManyInvites(options),
      checkInvite: checkInvite(options),
      getInvite: getInvite(options),
      getInviteRecipient: getInviteRecipient(),
      issueInvite: issueInvite(options),
      openInviteLink: openInviteLink(options),
      acceptInvite: acceptInvite(options),
      activateInvite: activateInvite(options),
      rejectInvite: rejectInvite(options),
      cancelInvite: cancelInvite(options),
      resendInvite: resendInvite(options),
      restoreInvite: restoreInvite(options),
      listInvites: listInvites(),
      listInviteEvents: listInviteEvents(),
      getInviteQuota: getInviteQuota(options),
      getInviteFunnel: getInviteFunnel(),
      sendInviteReminders: sendInviteReminders(options),
    },
    // The schema check comes first: until the database is known to hold the use's unique index, nothing runs.
    hooks: { before: [requireInviteUseIndex(), chargeCookieLookups(options)], after: [acceptAfterSignIn(options)] },
    schema: inviteSchema(userOptions.schema),
    rateLimit: [
      // Each sends an email: an inviter must not be able to flood inboxes. Look-ups by token are counted by
      // the plugin itself (lookup-budget.ts), wherever they happen, not only on their own paths. So is each address
      // of a create-many, from create's own budget (send-budget.ts): its request falls under Better Auth's general
      // rule, so a list is never refused whole for the budget it is about to spend address by address.
      { pathMatcher: (path: string) => path === "/invite/create" || path === "/invite/resend", ...options.sendRateLimit },
    ],
    $ERROR_CODES: INVITE_ERROR_CODES,
    options: userOptions,
  } satisfies BetterAuthPlugin;
};

/** The same plugin, under the name some apps already use. */
export const invitePlugin = invite;

export { INVITE_ERROR_CODES } from "./error-codes";
export { MissingInviteUseIndexError } from "./schema-check";
export { SERVER_ISSUER_ID } from "./server-issuer";
export { INVITE_EVENT_TYPES } from "./types";
export { formatCode, looksLikeCode, hashToken, generateLinkToken, timeOrderedId } from "./token";
export { isStorableText } from "./text";
export { domainAllowed } from "./domains";
export { isEmailDomain, MAX_ALLOWED_DOMAINS, MAX_MESSAGE_LENGTH, MAX_METADATA_BYTES } from "./invitation-fields";
export type * from "./types";
export type { FunnelDay, InviteFunnel } from "./funnel";
