import { Heading, Text } from "@react-email/components";
import { CallToAction } from "./components/call-to-action";
import { EmailLayout, emailStyles } from "./components/email-layout";

export type SignInLinkRefusedProps = { signInUrl: string };

export const signInLinkRefusedSubject = "Sign in to Invite Kit with your password";

/**
 * Instead of a sign-in link, to an account with two-factor on: a link alone would skip the second factor (Better
 * Auth's twoFactor plugin asks for it on password sign-in only).
 */
export default function SignInLinkRefused({ signInUrl }: SignInLinkRefusedProps) {
  return (
    <EmailLayout
      preview="Your account uses two-factor authentication."
      footer="You received this because someone asked for a sign-in link for this address. If it wasn't you, nothing happened: no link was sent."
    >
      <Heading style={emailStyles.heading}>Sign in with your password</Heading>
      <Text style={emailStyles.text}>
        Your account has two-factor authentication turned on, so we don&apos;t send sign-in links for it. Sign in with your password and the
        code from your authenticator app instead.
      </Text>
      <CallToAction url={signInUrl} label="Sign in" />
    </EmailLayout>
  );
}

SignInLinkRefused.PreviewProps = { signInUrl: "http://localhost:3000/sign-in" } satisfies SignInLinkRefusedProps;
