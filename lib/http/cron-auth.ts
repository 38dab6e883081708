import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { errorResponse } from "./guards";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Why a scheduler's request is refused, or null when it carries `Authorization: Bearer <secret>`. No secret
 * configured: 404, the route is off. The comparison takes the same time whatever the guess (digests of equal
 * length, compared in constant time), so timing tells an attacker nothing about the secret.
 */
export function cronRefusal(request: Request, secret: string | null): Response | null {
  if (!secret) return errorResponse(404, "NOT_FOUND", "Not found");
  const sent = request.headers.get("authorization") ?? "";
  if (!timingSafeEqual(digest(sent), digest(`Bearer ${secret}`))) {
    return errorResponse(401, "UNAUTHORIZED", "This route needs Authorization: Bearer <CRON_SECRET>.", {
      "WWW-Authenticate": "Bearer",
    });
  }
  return null;
}
