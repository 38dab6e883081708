import "server-only";
import { getAuth } from "@/lib/auth/server";
import type { RoleName } from "@/lib/auth/permissions";

export type IssueRequest = { email: string; role: RoleName; expiresInSeconds: number; notify: boolean };

/**
 * A private invitation made by the server itself, with no signed-in inviter: how a new deployment gets its first
 * admin without a password in the environment (`npm run invite`). Only server code can call it; the plugin never
 * routes it over HTTP.
 */
export async function issueInvitation(request: IssueRequest) {
  const auth = getAuth();
  return auth.api.issueInvite({
    body: { email: request.email, role: request.role, expiresIn: request.expiresInSeconds, notify: request.notify },
  });
}
