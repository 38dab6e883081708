// The optional fields an invitation carries besides its grant: the creator's metadata, a personal message, the domains
// that may accept a shareable link. Each is validated here, once, for create and create-many alike.
import { APIError } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES, type InviteErrorCode } from "./error-codes";
import { isStorableText, text } from "./text";
import type { InviteMetadata } from "./types";

export const MAX_METADATA_BYTES = 4096;
/** Deep enough for any data a creator means to keep; bounded so that walking a hostile value cannot exhaust the stack. */
const MAX_METADATA_DEPTH = 16;
export const MAX_MESSAGE_LENGTH = 500;
export const MAX_ALLOWED_DOMAINS = 20;

/**
 * Whether `value` is JSON that the database keeps as it was given: plain objects, arrays, finite numbers, booleans,
 * null and storable strings, keys included. JSON from a request is all of that but the strings; a server call
 * (`auth.api`) could pass a Date or undefined, which JSON.stringify would silently change.
 */
function isStorableJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return isStorableText(value);
  if (depth >= MAX_METADATA_DEPTH || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.every((item) => isStorableJson(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value).every(([key, item]) => isStorableText(key) && isStorableJson(item, depth + 1));
}

/** Its size as stored and sent: the UTF-8 bytes of its JSON. */
export const metadataBytes = (metadata: InviteMetadata): number => new TextEncoder().encode(JSON.stringify(metadata)).length;

/** A JSON object (not an array, not a scalar) of at most 4 kB. Refused: INVALID_METADATA. */
export const invitationMetadata = z
  .record(z.string(), z.unknown())
  .refine((metadata) => isStorableJson(metadata, 0) && metadataBytes(metadata) <= MAX_METADATA_BYTES, {
    message: `Metadata must be a JSON object of at most ${MAX_METADATA_BYTES} bytes, ${MAX_METADATA_DEPTH} levels deep, without NUL bytes or malformed Unicode`,
  });

/**
 * Plain text to the invitee, at most 500 characters once trimmed; Windows line breaks become "\n". Empty means none.
 * It is never HTML: whoever shows it escapes it.
 */
export const personalMessage = text()
  .overwrite((message) => message.replace(/\r\n?/g, "\n"))
  .trim()
  .max(MAX_MESSAGE_LENGTH, `A message has at most ${MAX_MESSAGE_LENGTH} characters`);

// One DNS label: letters, digits and inner hyphens, at most 63 characters.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A domain as an email address ends: ASCII (an internationalised domain in its xn-- form, as email validation wants
 * it), two labels or more, a top-level label that is not a number.
 */
export function isEmailDomain(domain: string): boolean {
  const labels = domain.split(".");
  const top = labels.at(-1) ?? "";
  return domain.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^[0-9]+$/.test(top);
}

/** "@Example.COM " → "example.com": how people write a domain, as addresses are compared (lower-cased). */
const domainName = text()
  .transform((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
  .refine(isEmailDomain, { message: "Not a domain name (like example.com)" });

/** 1 to 20 domains, duplicates merged. Refused: INVALID_ALLOWED_DOMAINS. */
export const allowedDomainsField = z
  .array(domainName)
  .min(1, "List at least one domain, or leave allowedDomains out")
  .max(MAX_ALLOWED_DOMAINS, `At most ${MAX_ALLOWED_DOMAINS} domains`)
  .transform((domains) => [...new Set(domains)]);

/** The codes these fields' refusals answer with, instead of Better Auth's generic VALIDATION_ERROR. */
export const INVITATION_FIELD_CODES: Partial<Record<string, InviteErrorCode>> = {
  metadata: "INVALID_METADATA",
  allowedDomains: "INVALID_ALLOWED_DOMAINS",
};

/**
 * An endpoint's `onValidationError`: a body refused only because of one of these fields answers that field's code
 * (with the validation's message), so a client can tell which field to fix without parsing text. Refusals of any
 * other field stay VALIDATION_ERROR.
 */
export function refuseInvitationFields({ issues, message }: { issues: readonly { path?: readonly unknown[] }[]; message: string }) {
  const codes = new Set(
    issues.map((issue) => {
      const field = issue.path?.[0];
      const key = typeof field === "object" && field !== null && "key" in field ? field.key : field;
      return typeof key === "string" ? INVITATION_FIELD_CODES[key] : undefined;
    }),
  );
  const [code] = codes;
  if (codes.size === 1 && code) throw APIError.from("BAD_REQUEST", { code: INVITE_ERROR_CODES[code].code, message });
}
