import "server-only";
import { render } from "@react-email/render";
import { reminderSubject } from "@/emails/components/reminder";
import InviteNewAccount, { inviteNewAccountSubject } from "@/emails/invite-new-account";
import RoleUpgrade, { roleUpgradeSubject } from "@/emails/role-upgrade";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import MagicLink, { magicLinkSubject } from "@/emails/magic-link";
import SignInLinkRefused, { signInLinkRefusedSubject } from "@/emails/sign-in-link-refused";

/** Every template with its preview props, rendered as the mailer would send it. */
export async function renderEmailPreviews() {
  const templates = [
    {
      name: "invite-new-account",
      subject: inviteNewAccountSubject(InviteNewAccount.PreviewProps.role),
      element: InviteNewAccount(InviteNewAccount.PreviewProps),
    },
    {
      name: "role-upgrade",
      subject: roleUpgradeSubject(RoleUpgrade.PreviewProps.inviterName, RoleUpgrade.PreviewProps.role),
      element: RoleUpgrade(RoleUpgrade.PreviewProps),
    },
    {
      name: "invite-reminder",
      subject: reminderSubject(InviteNewAccount.PreviewProps.inviterName, InviteNewAccount.PreviewProps.role),
      element: InviteNewAccount({ ...InviteNewAccount.PreviewProps, reminder: true }),
    },
    { name: "verify-email", subject: verifyEmailSubject, element: VerifyEmail(VerifyEmail.PreviewProps) },
    { name: "magic-link", subject: magicLinkSubject, element: MagicLink(MagicLink.PreviewProps) },
    { name: "sign-in-link-refused", subject: signInLinkRefusedSubject, element: SignInLinkRefused(SignInLinkRefused.PreviewProps) },
  ];
  return Promise.all(
    templates.map(async ({ name, subject, element }) => ({
      name,
      subject,
      html: await render(element),
      text: await render(element, { plainText: true }),
    })),
  );
}
