import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth";

export type InvitationView = Awaited<ReturnType<ReturnType<typeof getAuth>["api"]["getInvite"]>>["invitation"];

/** What the accept page shows: the invitation as the plugin describes it to this viewer, or the code that says why not. */
export async function lookUpInvitation(token: string): Promise<{ invitation: InvitationView } | { code: string }> {
  try {
    const { invitation } = await getAuth().api.getInvite({ query: { token }, headers: await headers() });
    return { invitation };
  } catch (error) {
    // A token too long or malformed to look up is, to the visitor, simply not a valid invitation.
    if (isAPIError(error) && error.statusCode < 500) {
      const code = String(error.body?.code ?? "");
      return { code: code === "VALIDATION_ERROR" || code === "" ? "INVALID_TOKEN" : code };
    }
    throw error;
  }
}
