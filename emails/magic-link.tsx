import { Heading, Text } from "@react-email/components";
import { CallToAction } from "./components/call-to-action";
import { EmailLayout, emailStyles } from "./components/email-layout";

export type MagicLinkProps = { url: string; minutes: number };

export const magicLinkSubject = "Your sign-in link for Invite Kit";

/** A link that signs in, or creates the account for an address that has none; an invitation opened first comes along. */
export default function MagicLink({ url, minutes }: MagicLinkProps) {
  return (
    <EmailLayout
      preview="Sign in to Invite Kit without a password."
      footer="You received this because someone asked for a sign-in link for this address. If it wasn't you, ignore this email: nobody can sign in without the link."
    >
      <Heading style={emailStyles.heading}>Sign in to Invite Kit</Heading>
      <Text
        style={emailStyles.text}
      >{`Click the button below to sign in. The link works once, for ${minutes} minutes, in this browser or any other.`}</Text>
      <CallToAction url={url} label="Sign in" />
    </EmailLayout>
  );
}

MagicLink.PreviewProps = { url: "http://localhost:3000/api/auth/magic-link/verify?token=preview", minutes: 5 } satisfies MagicLinkProps;
