/*
 * How much an admin may send, in one place: the server's rules and the bulk form both read these. (How many pending
 * invitations each may hold is INVITATION_LIMIT, in lib/env.ts.)
 */

/** The most addresses one bulk send takes, pasted and from a CSV together: what the plugin's create-many takes. */
export const MAX_BULK_INVITATIONS = 100;

/** With JavaScript, the bulk form sends this many addresses per action call, so that it can show its progress. */
export const BULK_CHUNK_SIZE = 10;

/** The largest CSV file the bulk form reads: 100 rows with a few columns fit many times over. */
export const MAX_CSV_BYTES = 100 * 1024;

/**
 * Invitations one client address may send (the plugin's sendRateLimit): every create and resend, and every address
 * of a bulk send, counts one. A full list of 100 and a few single invitations fit in a minute; token look-ups keep
 * the plugin's own 10 a minute.
 */
export const INVITATION_SEND_BUDGET = { window: 60, max: 120 } as const;
