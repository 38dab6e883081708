import { displayStatus, reportedStatus, usesLeft } from "./lifecycle";
import type { Invitation, InviteDisplayStatus } from "./types";

/** An invitation as responses show it: never the token hash (nor the replaced one), its sealed copy, nor the unique index's copy of the address. */
export type PublicInvitation = Omit<Invitation, "tokenHash" | "activeEmail" | "sealedToken" | "previousTokenHash"> & {
  displayStatus: InviteDisplayStatus;
  usesLeft: number | null;
  isPrivate: boolean;
};

export function publicInvitation(invitation: Invitation, now = new Date()): PublicInvitation {
  const { tokenHash: _tokenHash, activeEmail: _activeEmail, sealedToken: _sealedToken, previousTokenHash: _previous, ...rest } = invitation;
  return {
    ...rest,
    status: reportedStatus(invitation),
    displayStatus: displayStatus(invitation, now),
    usesLeft: usesLeft(invitation),
    isPrivate: invitation.email !== null,
  };
}

/** An invitation as its invitee sees it: without what is the creator's own (their metadata, their address). */
export type InviteeInvitation = Omit<PublicInvitation, "createdByEmail">;

/** The invitation as its invitee may see it (reject's answer): the creator's metadata and address are not theirs. */
export function inviteeInvitation(invitation: Invitation): InviteeInvitation {
  const { createdByEmail: _createdByEmail, ...rest } = publicInvitation(invitation);
  return { ...rest, metadata: null };
}
