import "server-only";
import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/server";

/** The window the dashboard shows, in days. */
export const FUNNEL_DAYS = 30;

/**
 * The signed-in inviter's funnel through the plugin, which reads the session from the headers and scopes it: an admin
 * sees every invitation's, anyone else their own.
 */
export async function myInvitationFunnel(days: number = FUNNEL_DAYS) {
  return getAuth().api.getInviteFunnel({ query: { days }, headers: await headers() });
}

export type InvitationFunnel = Awaited<ReturnType<typeof myInvitationFunnel>>;
