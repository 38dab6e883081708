import { z } from "zod";
import { isStorableText } from "@invite-kit/better-auth";

// Control characters, as in safe-redirect.ts: a CR/LF in a name starts a new line wherever it is shown (or a header, if one ever carries it).
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** One line of text a person typed: nothing the database cannot keep as sent (see isStorableText), no control characters. */
export function lineOfText(messages: { required: string; invalid: string }) {
  return z
    .string({ error: messages.required })
    .refine((value) => isStorableText(value) && !CONTROL_CHARACTERS.test(value), { message: messages.invalid });
}

/** An identifier echoed back from a form (an invitation id): nothing the database cannot keep as sent. */
export function storableText() {
  return z.string().refine(isStorableText, { message: "Contains a NUL byte or malformed Unicode." });
}
