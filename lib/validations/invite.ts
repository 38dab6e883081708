import { z } from "zod";
import { roleNames } from "@/lib/auth/permissions";
import { storableText } from "@/lib/validations/text";

// A form sends "" for a field left empty: that means "not given".
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const expiryChoices = [
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
  { value: "2592000", label: "30 days" },
] as const;

export const createInviteSchema = z.object({
  email: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "That email address is too long.")
      .pipe(z.email({ error: "Enter a valid email address, or leave it empty for a shareable link." }))
      .optional(),
  ),
  role: z.enum(roleNames, { error: "Choose a role." }),
  expiresIn: z.preprocess(
    blankToUndefined,
    z
      .enum(
        expiryChoices.map((choice) => choice.value),
        { error: "Choose an expiry from the list." },
      )
      .transform(Number)
      .optional(),
  ),
  maxUses: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Enter a whole number of uses." })
      .int("Enter a whole number of uses.")
      .min(1, "Allow at least one use.")
      .max(10_000, "Allow at most 10,000 uses.")
      .optional(),
  ),
  tokenType: z.preprocess(blankToUndefined, z.enum(["token", "code"], { error: "Choose a link or a code." }).default("token")),
});

export type CreateInviteInput = z.infer<typeof createInviteSchema>;

export const inviteIdSchema = z.object({ id: storableText().trim().min(1).max(128) });

/**
 * The bulk form's text fields: the pasted addresses and the role for them (and for CSV rows without one). The CSV file
 * and each address are read and checked apart (lib/invitations/bulk-list.ts, then the plugin).
 */
export const bulkInviteSchema = z.object({
  emails: z.string().max(50_000, "That is too much text: paste at most 100 addresses.").default(""),
  role: z.enum(roleNames, { error: "Choose a role." }),
});
