// One person at the app: Better Auth clients with the invite client plugin, and the cookies a browser would keep.
import { createAuthClient } from "better-auth/client";
import { inviteClient } from "@invite-kit/better-auth/client";

/** A request that hangs (a lock that never comes free) must fail the run, not stall CI. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Node's fetch keeps no cookies and sends no Origin, where a browser does both: without them a signed-in POST is
 * refused by Better Auth's origin check. So each person gets a fetch that acts as their browser would, shared by
 * their clients of every base path (one cookie jar for the whole origin, as in a browser).
 */
export function person(origin) {
  const jar = new Map();
  const browserFetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("origin", origin);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(input, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    for (const line of response.headers.getSetCookie()) keepCookie(jar, line);
    return response;
  };
  const clients = new Map();
  const at = (basePath) => {
    if (!clients.has(basePath)) {
      clients.set(
        basePath,
        createAuthClient({ baseURL: `${origin}${basePath}`, plugins: [inviteClient()], fetchOptions: { customFetchImpl: browserFetch } }),
      );
    }
    return clients.get(basePath);
  };
  return { jar, at, client: at("/api/auth"), fetch: browserFetch };
}

function keepCookie(jar, line) {
  const [pair, ...attributes] = line.split(";");
  const eq = pair.indexOf("=");
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const expired = attributes.some((attribute) => {
    const [key, val = ""] = attribute.split("=");
    const k = key.trim().toLowerCase();
    return (k === "max-age" && Number(val) <= 0) || (k === "expires" && Date.parse(val) <= Date.now());
  });
  if (expired || value === "") jar.delete(name);
  else jar.set(name, value);
}
