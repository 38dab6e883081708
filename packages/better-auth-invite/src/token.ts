import type { InviteTokenType } from "./types";

/*
 * Tokens are the only secret of an invitation. Link tokens carry 256 bits
 * from the platform CSPRNG; codes are short enough to type, so they lean on
 * the guess budget (lookup-budget.ts) and expiry as well: 10 characters of 30
 * is about 49 bits, which that budget makes hopeless to guess (docs/security.md
 * gives the figures). Only a SHA-256 hash is stored: a database leak hands out
 * no usable invitation.
 */

// Crockford-style: no 0/O, 1/I/L or U, so a code read aloud or typed from a screen is unambiguous.
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;
// `7KQX2-M9PAR`, with or without the dash; codes made before they were 10 characters long (`7KQ-X2M`) still read.
const CODE_PATTERN = /^(?:[A-Za-z0-9]{5}[-\s]?[A-Za-z0-9]{5}|[A-Za-z0-9]{3}[-\s]?[A-Za-z0-9]{3})$/;

/** Whether a string has the shape of a code (either length), as a person might type it. */
export function looksLikeCode(value: string): boolean {
  return CODE_PATTERN.test(value.trim());
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function generateLinkToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A code like `7KQX2-M9PAR`. Rejection sampling keeps every character equally likely. */
export function generateCode(): string {
  let code = "";
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (code.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return `${code.slice(0, CODE_LENGTH / 2)}-${code.slice(CODE_LENGTH / 2)}`;
}

export function generateInviteToken(type: InviteTokenType, custom?: () => string): string {
  if (type === "code") return generateCode();
  if (type === "custom") {
    if (!custom) throw new Error('defaultTokenType "custom" needs the generateToken option');
    return custom();
  }
  return generateLinkToken();
}

/** A typed code in the form it is shown: upper case, halves joined by a dash (`7kqx2 m9par` → `7KQX2-M9PAR`). */
export function formatCode(value: string): string {
  const bare = value.trim().replace(/[-\s]/g, "").toUpperCase();
  return `${bare.slice(0, bare.length / 2)}-${bare.slice(bare.length / 2)}`;
}

/**
 * The form a token is hashed in. Codes are case-insensitive and may be typed
 * with or without their dash; link tokens are case-sensitive and kept as is.
 */
export function canonicalToken(token: string): string {
  const trimmed = token.trim();
  return looksLikeCode(trimmed) ? trimmed.replace(/[-\s]/g, "").toUpperCase() : trimmed;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalToken(token)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * An id that sorts by creation time (invitations, events): a millisecond
 * timestamp then randomness, both in lower-case base 36. Listing "newest
 * first" by id is then a total order, so pages never repeat or skip rows
 * created in the same millisecond (Better Auth sorts on one field only).
 */
export function timeOrderedId(now = Date.now()): string {
  let random = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) random += (byte % 36).toString(36);
  return now.toString(36).padStart(10, "0") + random;
}
