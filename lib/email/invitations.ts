import "server-only";
import InviteNewAccount, { inviteNewAccountSubject } from "@/emails/invite-new-account";
import RoleUpgrade, { roleUpgradeSubject } from "@/emails/role-upgrade";
import type { SendUserInvitationInput } from "@invite-kit/better-auth";
import { sendEmail } from "./mailer";

/** The invite plugin's `sendUserInvitation`: a sign-up invitation to a new address, an upgrade notice to an existing user. */
export async function sendUserInvitation(input: SendUserInvitationInput): Promise<void> {
  const { email, role, url, newAccount, invitation, inviter, message } = input;
  const common = { role, url, inviterName: inviter.name, expiresAt: new Date(invitation.expiresAt), message };
  await sendEmail(
    newAccount
      ? { to: email, subject: inviteNewAccountSubject(role), template: InviteNewAccount(common) }
      : { to: email, subject: roleUpgradeSubject(role), template: RoleUpgrade({ ...common, name: input.name }) },
  );
}
