/** A rendered email, ready for a transport. */
export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

export interface EmailTransport {
  readonly name: "resend" | "outbox";
  send(email: OutgoingEmail): Promise<void>;
}

/** A transport could not hand the email over; the message says why, in words an admin can act on. */
export class EmailDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailDeliveryError";
  }
}
