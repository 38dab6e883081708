import { Fragment } from "react";
import { Section, Text } from "@react-email/components";
import { emailStyles } from "./email-layout";

const styles = {
  quote: { borderLeft: "3px solid #c7d2fe", margin: "0 0 16px", padding: "0 0 0 14px" },
  attribution: { ...emailStyles.text, fontWeight: 600, margin: "0 0 4px" },
  message: { ...emailStyles.text, margin: 0 },
};

/**
 * The inviter's note, as text: React escapes it, and each line break becomes a `<br>` element (never markup built from
 * the text), which the plain-text version turns back into a line break. Mail clients that ignore CSS keep the lines.
 */
export function PersonalMessage({ inviterName, message }: { inviterName: string; message: string }) {
  const lines = message.split("\n");
  return (
    <Section style={styles.quote}>
      <Text style={styles.attribution}>{`${inviterName} wrote:`}</Text>
      <Text style={styles.message}>
        {lines.map((line, index) => (
          <Fragment key={index}>
            {index > 0 && <br />}
            {line}
          </Fragment>
        ))}
      </Text>
    </Section>
  );
}
