import "server-only";
import { errorResponse, withinBodyLimit } from "@/lib/http/guards";

/**
 * Requests that Next.js would answer with a 500 before any app code runs,
 * answered here, in proxy.ts, with a 4xx instead: a path whose percent-encoding
 * cannot be decoded (Next's route matcher throws on it), and server-action
 * bodies that React cannot decode (its decoder throws, and Next answers 500).
 */
export async function refuseMalformedRequest(request: Request): Promise<Response | null> {
  if (!decodablePath(new URL(request.url).pathname)) {
    return errorResponse(400, "INVALID_PATH", "This address is not valid: part of it cannot be decoded.");
  }
  if (request.method === "POST" && request.headers.has("next-action")) return refuseMalformedAction(request);
  return null;
}

function decodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const malformed = () =>
  errorResponse(400, "INVALID_ACTION_REQUEST", "This form submission could not be read. Reload the page and try again.");

/**
 * What React's client sends: the arguments as a JSON array, in part "0" of a
 * multipart body (or as the whole body), with FormData fields beside it. The
 * limit is Next's own for action bodies, which it enforces with a 500.
 */
async function refuseMalformedAction(request: Request): Promise<Response | null> {
  const bounded = await withinBodyLimit(request.clone());
  if (bounded instanceof Response) return bounded;
  const contentType = request.headers.get("content-type") ?? "";
  let argumentList: unknown;
  try {
    if (/^multipart\/form-data/i.test(contentType)) {
      const part = (await bounded.formData()).get("0");
      if (typeof part !== "string") return malformed();
      argumentList = JSON.parse(part);
    } else {
      argumentList = JSON.parse(await bounded.text());
    }
  } catch {
    return malformed();
  }
  if (!Array.isArray(argumentList) || reachesPrototype(argumentList)) return malformed();
  return null;
}

/**
 * A reference whose path walks through `__proto__`, `constructor` or `prototype`
 * (e.g. "$1:__proto__:then"): the shape of the React Server Components decoding
 * attacks (CVE-2025-55182). React refuses it too; here it never reaches React.
 */
function reachesPrototype(value: unknown): boolean {
  if (typeof value === "string") return /^\$[^$].*:(__proto__|constructor|prototype)(:|$)/.test(value);
  if (Array.isArray(value)) return value.some(reachesPrototype);
  if (typeof value === "object" && value !== null) {
    return Object.keys(value).some((key) => key === "__proto__") || Object.values(value).some(reachesPrototype);
  }
  return false;
}
