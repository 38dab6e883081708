import { z } from "zod";
import { isEmailDomain, MAX_ALLOWED_DOMAINS, MAX_MESSAGE_LENGTH } from "@invite-kit/better-auth";
import { roleNames } from "@/lib/auth/permissions";
import { INVITES_PER_PAGE } from "@/lib/invitations/list-query";
import { storableText } from "@/lib/validations/text";

// A form sends "" for a field left empty: that means "not given".
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const expiryChoices = [
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
  { value: "2592000", label: "30 days" },
] as const;

/** The personal message, as the plugin keeps it: Windows line breaks (a textarea posts them) made "\n", then trimmed. */
export const personalMessageSchema = storableText()
  .overwrite((message) => message.replace(/\r\n?/g, "\n"))
  .trim()
  .max(MAX_MESSAGE_LENGTH, `Keep the message to ${MAX_MESSAGE_LENGTH} characters.`);

/** "example.com, @Team.Example.org": the domains of a shareable link, as the plugin keeps them (lower-cased, no "@", once each). */
export const allowedDomainsSchema = z
  .string()
  .max(4000, "That is too long for a list of domains.")
  .transform((value) => [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((domain) => domain.toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ])
  .superRefine((domains, ctx) => {
    const bad = domains.filter((domain) => !isEmailDomain(domain));
    if (bad.length > 0) {
      const listed = bad.map((domain) => `“${domain}”`).join(", ");
      ctx.addIssue({
        code: "custom",
        message: `${listed} ${bad.length === 1 ? "is not a domain name" : "are not domain names"}: write each like example.com.`,
      });
    }
    if (domains.length > MAX_ALLOWED_DOMAINS) ctx.addIssue({ code: "custom", message: `List at most ${MAX_ALLOWED_DOMAINS} domains.` });
  })
  // Only separators: no restriction.
  .transform((domains) => (domains.length > 0 ? domains : undefined));

export const audiences = ["person", "anyone"] as const;

const inviteFields = z.object({
  // Said, not guessed from an empty Email: a shareable link lets anyone who holds it in, so it is chosen on purpose.
  audience: z.enum(audiences, { error: "Choose who the invitation is for." }),
  email: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "That email address is too long.")
      .pipe(z.email({ error: "Enter a valid email address." }))
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
  message: z.preprocess(blankToUndefined, personalMessageSchema.optional()),
  // A checkbox: present ("on") when ticked. For an invitation to an address: nothing is emailed, the admin gets the link.
  copyLink: z.preprocess((value) => value === "on", z.boolean()),
  allowedDomains: z.preprocess(blankToUndefined, allowedDomainsSchema.optional()),
});

export const createInviteSchema = inviteFields.superRefine((input, ctx) => {
  if (input.audience === "person" && !input.email) {
    ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the address to invite, or choose “Anyone with the link”." });
  }
  if (input.audience === "anyone" && input.email) {
    ctx.addIssue({ code: "custom", path: ["email"], message: "A shareable link is for anyone: clear Email, or choose “One person”." });
  }
  // An invitation to one address names who may take it already.
  if (input.email && input.allowedDomains) {
    ctx.addIssue({
      code: "custom",
      path: ["allowedDomains"],
      message: "Domains are for a shareable link: leave this empty when you invite one address.",
    });
  }
});

export type CreateInviteInput = z.infer<typeof createInviteSchema>;

const inviteId = storableText().trim().min(1).max(128);
export const inviteIdSchema = z.object({ id: inviteId });

// The ids of one page of the table at most: a bulk action never names more than the admin could see and tick.
const pageOfIds = z.array(inviteId).max(INVITES_PER_PAGE, `At most ${INVITES_PER_PAGE} invitations at a time.`);

/**
 * The table's bulk form: what to do, and to which. The rows' checkboxes send `ids`; "Select all on this page" sends
 * `all` with the page's `pageIds`, so that it works without JavaScript too.
 */
export const bulkManageSchema = z
  .object({ intent: z.enum(["revoke", "resend"]), ids: pageOfIds, pageIds: pageOfIds, all: z.literal("page").optional() })
  .transform(({ intent, ids, pageIds, all }) => ({ intent, ids: [...new Set(all ? pageIds : ids)] }))
  .refine(({ ids }) => ids.length > 0, { message: "Select at least one invitation first.", path: ["ids"] });

/** Undo of a revoke: the invitations it revoked. */
export const restoreInvitesSchema = z.object({ ids: pageOfIds.min(1) });

/**
 * The bulk form's text fields: the pasted addresses and the role for them (and for CSV rows without one). The CSV file
 * and each address are read and checked apart (lib/invitations/bulk-list.ts, then the plugin).
 */
export const bulkInviteSchema = z.object({
  emails: z.string().max(50_000, "That is too much text: paste at most 100 addresses.").default(""),
  role: z.enum(roleNames, { error: "Choose a role." }),
});

/**
 * `/dashboard/invites?email=…&role=…`: the invite form filled in, as the Users page links to it to raise someone's
 * role through an invitation. Only a suggestion: what the admin then sends is checked like anything else.
 */
export const invitePrefillSchema = z.object({
  email: z.preprocess((value) => (typeof value === "string" ? value : undefined), z.email().max(254).optional().catch(undefined)),
  role: z.preprocess((value) => (typeof value === "string" ? value : undefined), z.enum(roleNames).optional().catch(undefined)),
});
