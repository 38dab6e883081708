import { z } from "zod";
import { roleNames } from "@/lib/auth/permissions";
import { lineOfText, storableText } from "@/lib/validations/text";

export const MAX_BAN_REASON_LENGTH = 200;

/** The account an action is about, as the form echoes it back: any id, checked against the database afterwards. */
const userIdField = storableText().min(1).max(128);

export const userIdSchema = z.object({ userId: userIdField });

export const changeRoleSchema = z.object({
  userId: userIdField,
  role: z.enum(roleNames, { error: "Choose one of the roles." }),
});

export const banUserSchema = z.object({
  userId: userIdField,
  // Optional: left empty, Better Auth records its own "No reason".
  reason: lineOfText({ required: "Write a reason, or leave it empty.", invalid: "Write the reason on one line, in plain text." })
    .trim()
    .max(MAX_BAN_REASON_LENGTH, `Keep the reason to ${MAX_BAN_REASON_LENGTH} characters.`)
    .optional()
    .transform((reason) => reason || undefined),
});
