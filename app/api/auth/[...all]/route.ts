// Better Auth's HTTP API (sign-in, sign-up, sessions, admin, invites), and nothing else.
import { toNextJsHandler } from "better-auth/next-js";
import { handleAuthRequest } from "@/lib/http/auth-handler";

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handleAuthRequest);
