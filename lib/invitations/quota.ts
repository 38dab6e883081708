import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";

/** How many invitations the signed-in admin holds pending and may still make (INVITATION_LIMIT), through the plugin. */
export async function myInvitationQuota() {
  return getAuth().api.getInviteQuota({ headers: await headers() });
}

export type InvitationQuota = Awaited<ReturnType<typeof myInvitationQuota>>;
