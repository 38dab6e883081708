import { Heading, Text } from "@react-email/components";
import { CallToAction } from "./components/call-to-action";
import { EmailLayout, emailStyles } from "./components/email-layout";
import { PersonalMessage } from "./components/personal-message";
import { aRole, reminderSubject } from "./components/reminder";

export type RoleUpgradeProps = {
  role: string;
  name?: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
  /** The inviter's personal note, plain text; null or absent for none. */
  message?: string | null;
  /** The one reminder of an invitation still pending (the same link), worded as one. */
  reminder?: boolean;
};

// An invitation, not a notice: nothing has changed until the invitee accepts, so the subject must not say it has.
export const roleUpgradeSubject = (inviterName: string, role: string) =>
  `${inviterName} invited you to become ${aRole(role)} on Invite Kit`;

/** To someone who already has an account: the link leads to sign-in, then the new role. */
export default function RoleUpgrade({ role, name, inviterName, url, expiresAt, message, reminder }: RoleUpgradeProps) {
  return (
    <EmailLayout
      preview={`${reminder ? "Still waiting for you: " : ""}${inviterName} invited you to the ${role} role on Invite Kit. Nothing changes until you accept.`}
      footer="You received this because an administrator of Invite Kit invited your account to a new role. Nothing changes until you accept."
    >
      <Heading style={emailStyles.heading}>{reminder ? reminderSubject(inviterName, role) : roleUpgradeSubject(inviterName, role)}</Heading>
      <Text style={emailStyles.text}>
        {`${name ? `Hi ${name}, ` : ""}${inviterName} invited you to the ${role} role. Sign in and accept to activate it.`}
      </Text>
      {message && <PersonalMessage inviterName={inviterName} message={message} />}
      <CallToAction url={url} label="Activate your new role" expiresAt={expiresAt} />
    </EmailLayout>
  );
}

RoleUpgrade.PreviewProps = {
  role: "admin",
  name: "Uma",
  inviterName: "Ada Admin",
  url: "http://localhost:3000/api/auth/invite/preview-token",
  expiresAt: new Date("2030-01-01T00:00:00Z"),
  message: "You've been a great help in the forum: thank you.\nWelcome to the admin team!",
} satisfies RoleUpgradeProps;
