import "server-only";
import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createOutboxTransport } from "./outbox";
import { createResendTransport } from "./resend";
import type { EmailTransport } from "./transport";

declare global {
  var __inviteKitTransport: EmailTransport | undefined;
}

/** The transport the environment chose: Resend with an API key, the database outbox otherwise. */
export function getTransport(): EmailTransport {
  if (!globalThis.__inviteKitTransport) {
    const { email } = getEnv();
    globalThis.__inviteKitTransport =
      email.transport === "resend" ? createResendTransport(email.resendApiKey) : createOutboxTransport(getDb());
  }
  return globalThis.__inviteKitTransport;
}

export function isOutboxEnabled(): boolean {
  return getEnv().email.transport === "outbox";
}

/** Renders a react-email template to HTML and plain text, then hands it to the transport. */
export async function sendEmail(message: { to: string; subject: string; template: ReactElement }): Promise<void> {
  const [html, text] = await Promise.all([render(message.template), render(message.template, { plainText: true })]);
  await getTransport().send({
    from: getEnv().email.from,
    to: message.to,
    subject: message.subject,
    html,
    text,
  });
}
