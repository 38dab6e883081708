import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";

const styles = {
  body: {
    backgroundColor: "#f4f4f5",
    fontFamily: "ui-sans-serif, system-ui, -apple-system, Segoe UI, sans-serif",
    margin: 0,
    padding: "32px 0",
  },
  container: { backgroundColor: "#ffffff", borderRadius: "12px", margin: "0 auto", maxWidth: "480px", padding: "32px" },
  brand: { color: "#4f46e5", fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", margin: "0 0 24px" },
  footer: { color: "#71717a", fontSize: "12px", lineHeight: "18px", margin: 0 },
};

/** The frame every Invite Kit email shares: brand line, white card, a footer that says why it was sent. */
export function EmailLayout({ preview, footer, children }: { preview: string; footer: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>INVITE KIT</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e4e4e7", margin: "32px 0 16px" }} />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const emailStyles = {
  heading: { color: "#18181b", fontSize: "22px", fontWeight: 700, lineHeight: "30px", margin: "0 0 16px" },
  text: { color: "#3f3f46", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  button: {
    backgroundColor: "#4f46e5",
    borderRadius: "8px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  small: { color: "#71717a", fontSize: "13px", lineHeight: "20px", margin: "16px 0 0", wordBreak: "break-all" as const },
};
