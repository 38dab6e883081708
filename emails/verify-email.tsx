import { Heading, Text } from "@react-email/components";
import { CallToAction } from "./components/call-to-action";
import { EmailLayout, emailStyles } from "./components/email-layout";

export type VerifyEmailProps = { name: string; url: string };

export const verifyEmailSubject = "Verify your email address";

export default function VerifyEmail({ name, url }: VerifyEmailProps) {
  return (
    <EmailLayout
      preview="Confirm your email to finish setting up your account."
      footer="You received this because someone signed up to Invite Kit with this address. If it wasn't you, ignore this email."
    >
      <Heading style={emailStyles.heading}>{`Hi ${name}, confirm your email`}</Heading>
      <Text style={emailStyles.text}>Click the button below to verify your email address. The link works for one hour.</Text>
      <CallToAction url={url} label="Verify email" />
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = { name: "Ada", url: "http://localhost:3000/api/auth/verify-email?token=preview" } satisfies VerifyEmailProps;
