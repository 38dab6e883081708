import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { INVITE_ERROR_CODES } from "../error-codes";

/** Every invite endpoint that acts for someone reads the session itself, and refuses without one. */
export const inviteSessionMiddleware = createAuthMiddleware(async (ctx) => {
  const session = await getSessionFromCtx(ctx);
  if (!session) throw APIError.from("UNAUTHORIZED", INVITE_ERROR_CODES.USER_NOT_LOGGED_IN);
  return { session };
});
