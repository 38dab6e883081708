import { getAuth } from "@/lib/auth/server";
import { handleAuthRequest } from "@/lib/http/auth-handler";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { CookieJar } from "./cookie-jar";

export { CookieJar };
export { uniqueEmail } from "../harness/unique-email";

export type RequestInit = { method?: string; body?: unknown; jar?: CookieJar; headers?: Record<string, string> };

/** Sends JSON requests to an auth handler mounted at /api/auth, keeping cookies in the jar, as a browser would. */
export function requester(handler: (request: Request) => Promise<Response>, origin: string) {
  return async function request(path: string, init: RequestInit = {}) {
    const headers = new Headers({ origin, ...init.headers });
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const cookie = init.jar?.header();
    if (cookie) headers.set("cookie", cookie);
    const response = await handler(
      new Request(new URL(`/api/auth${path}`, origin), {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    );
    init.jar?.store(response);
    return response;
  };
}

/** The real app: its Better Auth handler (as mounted at /api/auth) on a migrated database, driven with HTTP Requests. */
export async function startTestApp() {
  await migrateDatabase(getConnection());
  const auth = getAuth();
  const origin = new URL(getEnv().betterAuthUrl).origin;
  return { auth, db: getDb(), origin, request: requester(handleAuthRequest, origin) };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
