import "server-only";
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { signInPerAccount } from "@/lib/rate-limit/rules";
import { consumeRateLimit, refundRateLimit } from "@/lib/rate-limit/storage";

/**
 * A budget per account for password sign-in, on top of Better Auth's per address, which an
 * attacker with many addresses escapes (a botnet; or anyone, behind a proxy trusted by mistake).
 * Every attempt counts, before the password is checked, and one that succeeds gives its slot
 * back: only failures spend the budget, so its owner signing in never does. Over budget, the
 * right password is refused too, until the window passes: someone who knows an address can keep
 * its password sign-in locked; sessions already open keep working (docs/security.md says why
 * that is the trade-off taken).
 *
 * Run from Better Auth's hooks (lib/auth/server.ts), so it holds for the HTTP endpoint and for the
 * sign-in form's server action (auth.api.signInEmail) alike.
 */

const SIGN_IN_PATH = "/sign-in/email";
const email = z.email();

/**
 * The account's key: its address as Better Auth looks it up (lowercased), hashed, so that keys
 * have one length whatever was sent and the table or Redis holds no email addresses. Null for a
 * request that tries no password (no address, or no password as text): Better Auth refuses it
 * before any password is checked.
 */
function accountKey(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("email" in body) || !("password" in body)) return null;
  if (typeof body.email !== "string" || typeof body.password !== "string" || !email.safeParse(body.email).success) return null;
  return `account:${createHash("sha256").update(body.email.toLowerCase()).digest("base64url")}|${SIGN_IN_PATH}`;
}

/** Before the endpoint: counts the attempt, or refuses it with 429 and the wait. */
export async function countSignInAttempt(path: string | undefined, body: unknown): Promise<void> {
  if (path !== SIGN_IN_PATH || !getEnv().rateLimitEnabled) return;
  const key = accountKey(body);
  if (!key) return;
  const decision = await consumeRateLimit(key, signInPerAccount);
  if (decision.allowed) return;
  // X-Retry-After, as Better Auth's own limiter answers: lib/http/auth-handler.ts makes it Retry-After, lib/errors/messages.ts a sentence.
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { code: "TOO_MANY_REQUESTS", message: "Too many sign-in attempts for this account. Try again later." },
    { "X-Retry-After": String(decision.retryAfter) },
  );
}

/** After the endpoint: a sign-in that opened a session gives its slot back. */
export async function refundSuccessfulSignIn(path: string | undefined, body: unknown, signedIn: boolean): Promise<void> {
  if (path !== SIGN_IN_PATH || !signedIn || !getEnv().rateLimitEnabled) return;
  const key = accountKey(body);
  if (key) await refundRateLimit(key);
}
