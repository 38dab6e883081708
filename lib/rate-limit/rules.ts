import type { RateLimitRule } from "@/lib/rate-limit/contract";

/**
 * The app's own rate-limit rules. Besides them count Better Auth's per address (sign-in and
 * sign-up 3 per 10 s, everything else 100 per 10 s) and the invite plugin's (60 s windows,
 * packages/better-auth-invite/src/index.ts).
 */

/**
 * Password sign-ins per account, whatever address they come from (lib/rate-limit/sign-in.ts): an
 * attacker with many addresses gets 10 guesses at one password per 15 minutes, not 3 per
 * 10 seconds per address.
 */
export const signInPerAccount: RateLimitRule = { window: 15 * 60, max: 10 };

/**
 * No rule counts over a longer window, so a row idle for longer is dead and the database storage
 * deletes it (lib/rate-limit/database-storage.ts). A rule with a longer window must raise this, or its
 * counts would be forgotten early: the storage refuses to count one.
 */
export const longestWindowSeconds = signInPerAccount.window;
