import "server-only";
import InviteNewAccount, { inviteNewAccountSubject } from "@/emails/invite-new-account";
import { reminderSubject } from "@/emails/components/reminder";
import RoleUpgrade, { roleUpgradeSubject } from "@/emails/role-upgrade";
import type { SendUserInvitationInput } from "@invite-kit/better-auth";
import { sendEmail } from "./mailer";

/**
 * The invite plugin's `sendUserInvitation`: a sign-up invitation to a new address, an upgrade notice to an existing
 * user, and for either the one reminder (the same email, same link, worded and titled as a reminder).
 */
export async function sendUserInvitation(input: SendUserInvitationInput): Promise<void> {
  const { email, role, url, newAccount, invitation, inviter, message, reminder } = input;
  const common = { role, url, inviterName: inviter.name, expiresAt: new Date(invitation.expiresAt), message, reminder };
  const subject = (first: string) => (reminder ? reminderSubject(inviter.name, role) : first);
  await sendEmail(
    newAccount
      ? { to: email, subject: subject(inviteNewAccountSubject(role)), template: InviteNewAccount(common) }
      : { to: email, subject: subject(roleUpgradeSubject(inviter.name, role)), template: RoleUpgrade({ ...common, name: input.name }) },
  );
}
