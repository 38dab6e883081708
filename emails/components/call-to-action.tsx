import { Button, Link, Text } from "@react-email/components";
import { emailStyles } from "./email-layout";

const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

/** The button, the expiry when there is one, and the same link spelled out for clients that hide buttons. */
export function CallToAction({ url, label, expiresAt }: { url: string; label: string; expiresAt?: Date }) {
  return (
    <>
      <Button href={url} style={emailStyles.button}>
        {label}
      </Button>
      {expiresAt && <Text style={emailStyles.small}>{`This invitation expires on ${date.format(expiresAt)}.`}</Text>}
      <Text style={emailStyles.small}>
        {"Or paste this link into your browser: "}
        <Link href={url}>{url}</Link>
      </Text>
    </>
  );
}
