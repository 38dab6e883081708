import { Heading, Text } from "@react-email/components";
import { CallToAction } from "./components/call-to-action";
import { EmailLayout, emailStyles } from "./components/email-layout";
import { PersonalMessage } from "./components/personal-message";
import { reminderSubject } from "./components/reminder";

export type InviteNewAccountProps = {
  role: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
  /** The inviter's personal note, plain text; null or absent for none. */
  message?: string | null;
  /** The one reminder of an invitation still pending (the same link), worded as one. */
  reminder?: boolean;
};

export const inviteNewAccountSubject = (role: string) => `You're invited as ${role}!`;

/** To an address with no account yet: the link leads to sign-up, then the role. */
export default function InviteNewAccount({ role, inviterName, url, expiresAt, message, reminder }: InviteNewAccountProps) {
  return (
    <EmailLayout
      preview={`${reminder ? "Still waiting for you: " : ""}${inviterName} invited you to join Invite Kit as ${role}.`}
      footer="You received this because someone invited this address to Invite Kit. If you weren't expecting it, ignore this email: nothing happens until you accept."
    >
      <Heading style={emailStyles.heading}>{reminder ? reminderSubject(inviterName, role) : inviteNewAccountSubject(role)}</Heading>
      <Text
        style={emailStyles.text}
      >{`${inviterName} invited you to join Invite Kit with the ${role} role. Create your account to accept.`}</Text>
      {message && <PersonalMessage inviterName={inviterName} message={message} />}
      <CallToAction url={url} label="Create your account" expiresAt={expiresAt} />
    </EmailLayout>
  );
}

InviteNewAccount.PreviewProps = {
  role: "moderator",
  inviterName: "Ada Admin",
  url: "http://localhost:3000/api/auth/invite/preview-token",
  expiresAt: new Date("2030-01-01T00:00:00Z"),
  message: "Hi! We'd love your help moderating the forum.\nThe guidelines are on the welcome page.",
} satisfies InviteNewAccountProps;
