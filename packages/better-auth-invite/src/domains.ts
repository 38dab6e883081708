// Who may take a domain-restricted invitation: the one rule, used by accept (every path to it) and by sign-up.
import { APIError } from "better-auth/api";
import { INVITE_ERROR_CODES } from "./error-codes";
import { normalizeEmail } from "./store";
import type { Invitation } from "./types";

/** The part of an address after its last "@", lower-cased. */
export function domainOf(email: string): string {
  const address = normalizeEmail(email);
  return address.slice(address.lastIndexOf("@") + 1);
}

/**
 * Whether an address may take this invitation. The domain must be exactly one of those listed: `example.com` does not
 * admit `team.example.com`, whose mailboxes the domain's owner may not control (a customer's subdomain at a host, a
 * university's student mail); list each subdomain that may. An invitation without `allowedDomains` admits any domain.
 */
export function domainAllowed(invitation: Pick<Invitation, "allowedDomains">, email: string): boolean {
  const domains = invitation.allowedDomains;
  return !domains || domains.length === 0 || domains.includes(domainOf(email));
}

/**
 * Refuses an account that may not take a domain-restricted invitation. At accept the address must also be verified,
 * or anyone could sign up with any address at the domain and take the role: an unverified address at an allowed
 * domain answers EMAIL_NOT_VERIFIED, the step that is missing. A sign-up is checked for its domain only: its address
 * is verified afterwards, before it can accept.
 */
export function assertDomainAllowed(
  invitation: Pick<Invitation, "allowedDomains">,
  user: { email: string; emailVerified?: boolean | null },
  stage: "accept" | "sign-up",
): void {
  if (!domainAllowed(invitation, user.email)) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_DOMAIN_NOT_ALLOWED);
  if (stage === "accept" && invitation.allowedDomains?.length && !user.emailVerified) {
    throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.EMAIL_NOT_VERIFIED);
  }
}
