// Better Auth's HTTP API (sign-in, sign-up, sessions, admin, invites), and nothing else.
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler((request: Request) => getAuth().handler(request));
