import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";
import { retryAfterOf } from "@/lib/errors/messages";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export type InvitationView = Awaited<ReturnType<ReturnType<typeof getAuth>["api"]["getInvite"]>>["invitation"];

/** What the accept page shows: the invitation as the plugin describes it to this viewer, or the code that says why not. */
export async function lookUpInvitation(token: string): Promise<{ invitation: InvitationView } | { code: string; retryAfter?: number }> {
  try {
    // With the visitor's headers, so that the plugin counts this look-up against the visitor's budget.
    const { invitation } = await getAuth().api.getInvite({ query: { token }, headers: await headers() });
    return { invitation };
  } catch (error) {
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== null) return { code: "TOO_MANY_REQUESTS", retryAfter };
    // A token too long or malformed to look up is, to the visitor, simply not a valid invitation.
    if (isAPIError(error) && error.statusCode < 500) {
      const code = String(error.body?.code ?? "");
      return { code: code === "VALIDATION_ERROR" || code === "" ? "INVALID_TOKEN" : code };
    }
    throw error;
  }
}

/**
 * The address a private invitation was sent to, when `next` leads back to its accept page:
 * sign-up and sign-in fill it in and keep it fixed. Null for anything else.
 */
export async function invitedEmailFor(next: string): Promise<string | null> {
  const token = invitationTokenIn(next);
  if (!token) return null;
  try {
    const { email } = await getAuth().api.getInviteRecipient({ query: { token } });
    return email;
  } catch (error) {
    // A malformed token fixes nothing; the accept page itself says it is not valid.
    if (isAPIError(error) && error.statusCode < 500) return null;
    throw error;
  }
}

/** The token of the accept page `next` leads back to, or null when it leads anywhere else. */
export function invitationTokenIn(next: string): string | null {
  return decodedSegment(next.match(/^\/invite\/([^/?#]+)$/)?.[1]);
}

/** A form opened from a private invitation shows its address fixed; the server keeps it fixed too: the field's error, or undefined. */
export async function otherThanInvited(email: string, next: string | undefined): Promise<string[] | undefined> {
  const invited = next ? await invitedEmailFor(safeRedirectPath(next, "")) : null;
  return invited && invited !== email ? [`This invitation was sent to ${invited}. Use that address.`] : undefined;
}

function decodedSegment(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed escape: not a token anyone was sent
  }
}
