import { Resend } from "resend";
import { EmailDeliveryError, type EmailTransport } from "./transport";

const SEND_TIMEOUT_MS = 10_000;

/** Sends through Resend's API. The SDK honours RESEND_BASE_URL, which tests point at a local server. */
export function createResendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async send(email) {
      const { error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
        },
        // Someone waits on this answer (an admin creating an invitation): a provider that never answers must not hold them.
        { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
      );
      if (error) {
        throw new EmailDeliveryError(`Resend refused the email to ${email.to}: ${error.message}`, {
          cause: error,
        });
      }
    },
  };
}
