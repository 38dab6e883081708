// The inviter of an invitation made by server code (POST /invite/issue): no user, the server's own authority.
import type { InviteUser } from "./types";

/**
 * The creator id of the server's own invitations. Better Auth's ids are letters and digits, so no user can hold it;
 * only server code writes it (the endpoint that does is never routed over HTTP).
 */
export const SERVER_ISSUER_ID = "@server";

export function serverIssuer(name: string): InviteUser {
  const now = new Date();
  return { id: SERVER_ISSUER_ID, name, email: "", emailVerified: true, createdAt: now, updatedAt: now, role: null };
}

export const isServerIssued = (invitation: { createdByUserId: string }): boolean => invitation.createdByUserId === SERVER_ISSUER_ID;
