import "server-only";
import { TIMED_OUT, within } from "@/lib/http/deadline";
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  createClient,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from "@redis/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * The Redis connection shared by Better Auth's secondary storage (lib/redis/secondary-storage.ts)
 * and the rate limiter (lib/rate-limit/redis-storage.ts), when REDIS_URL is set.
 *
 * A command waits about COMMAND_TIMEOUT_MS at most, connecting included: while Redis is out of
 * reach commands queue until it is back or their time is up, then fail with a RedisUnavailableError,
 * which the app answers as 503 SERVICE_UNAVAILABLE (lib/errors/unavailable.ts), as it does a
 * database outage. Redis answers in well under a millisecond, so two seconds is an outage, and
 * not so long that every request of a whole outage hangs for it.
 */
const COMMAND_TIMEOUT_MS = 2_000;

/** Every key the app writes starts with this, so that one Redis can serve other apps beside it. */
export const REDIS_KEY_PREFIX = "invite-kit:";

/** The code lib/errors/unavailable.ts recognises, like ECONNREFUSED from the database. */
export const REDIS_UNAVAILABLE = "REDIS_UNAVAILABLE";

export class RedisUnavailableError extends Error {
  readonly code = REDIS_UNAVAILABLE;
  constructor(cause: unknown) {
    super("Redis is out of reach", { cause });
    this.name = "RedisUnavailableError";
  }
}

// Replies of a Redis that is there but cannot serve: loading its data, a replica cut from its
// primary or made read-only by a failover, busy with a script, or full (maxmemory, noeviction).
const unavailableReplies = /^(LOADING|MASTERDOWN|READONLY|BUSY|TRYAGAIN|OOM)\b/;

const clientOutages = [
  TimeoutError,
  ConnectionTimeoutError,
  SocketTimeoutError,
  SocketClosedUnexpectedlyError,
  ClientClosedError,
  ClientOfflineError,
  ReconnectStrategyError,
];

/**
 * Whether `error` says Redis is out of reach (the client's timeouts and closed-socket errors, a
 * socket's own ECONNRESET that failed the commands waiting for a reply, a reply above) rather than
 * that a command or our code was wrong.
 */
export function isRedisOutage(error: unknown): boolean {
  if (error instanceof ErrorReply) return unavailableReplies.test(error.message);
  if (clientOutages.some((outage) => error instanceof outage)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && "syscall" in (error as object);
}

/** Opens a client and starts connecting; it reconnects by itself after any failure, for as long as it lives. */
export function openRedis(url: string) {
  const client = createClient({
    url,
    socket: {
      connectTimeout: COMMAND_TIMEOUT_MS,
      // Retries soon after a blip, then every two seconds for as long as the outage lasts.
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
    },
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
  });
  // Every failed attempt is an `error` event (one with no listener would end the process): report an
  // outage once, and its end, rather than every two seconds.
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    const { code, message } = error instanceof Error ? (error as Error & { code?: unknown }) : { code: undefined, message: String(error) };
    log.error(`[invite-kit] Redis out of reach (${typeof code === "string" ? code : message}); retrying`);
  });
  client.on("ready", () => {
    if (down) log.error("[invite-kit] Redis reachable again");
    down = false;
  });
  // Never rejects while the client is open: the reconnect strategy above keeps trying. Commands sent
  // meanwhile wait in the client's queue (or time out), so the first request need not wait for this.
  client.connect().catch(() => {});
  return client;
}

export type RedisClient = ReturnType<typeof openRedis>;

declare global {
  // One client per process, kept across dev hot reloads, which would otherwise open a connection per edit.
  var __inviteKitRedis: RedisClient | undefined;
}

/** The process's Redis client, opened on first use so that `next build` never connects. */
export function getRedis(): RedisClient {
  const url = getEnv().redisUrl;
  if (!url) throw new Error("getRedis() needs REDIS_URL");
  globalThis.__inviteKitRedis ??= openRedis(url);
  return globalThis.__inviteKitRedis;
}

/**
 * Runs commands on the process's client; an outage becomes a RedisUnavailableError, any other
 * failure is thrown as it is. The client's own timeout covers only commands still waiting to be
 * sent: one already sent to a Redis that stopped answering (a black hole, a half-open connection
 * after a failover) would wait forever. Past the deadline that connection is presumed dead: the
 * request gets its 503, and the client is replaced, so the next request connects afresh. So is a
 * client whose server turned read-only.
 */
export async function withRedis<T>(work: (client: RedisClient) => Promise<T>): Promise<T> {
  const client = getRedis();
  try {
    const answer = await within(work(client), COMMAND_TIMEOUT_MS + 500);
    if (answer === TIMED_OUT) throw new NoAnswerError();
    return answer;
  } catch (error) {
    // READONLY: after a failover this connection still reaches the old primary, now a replica, which a
    // managed Redis's address no longer names; a new connection finds the new primary.
    const stale = error instanceof NoAnswerError || (error instanceof ErrorReply && error.message.startsWith("READONLY"));
    if (stale && globalThis.__inviteKitRedis === client) {
      globalThis.__inviteKitRedis = undefined;
      client.destroy();
    }
    if (isRedisOutage(error)) throw new RedisUnavailableError(error);
    throw error;
  }
}

class NoAnswerError extends TimeoutError {
  constructor() {
    super();
    this.message = `Redis sent no answer within ${(COMMAND_TIMEOUT_MS + 500) / 1000} s`;
  }
}

/** Closes the process's client (tests, and a server shutting down). */
export async function closeRedis(): Promise<void> {
  const client = globalThis.__inviteKitRedis;
  globalThis.__inviteKitRedis = undefined;
  if (client?.isOpen) await client.close();
}
