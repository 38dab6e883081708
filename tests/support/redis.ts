import { type AddressInfo, createServer } from "node:net";
import { createClient } from "@redis/client";

/** The Redis the tests may use (TEST_REDIS_URL, or REDIS_URL: tests/support/setup-env.ts keeps it as TEST_REDIS_URL), or null to skip. */
export const testRedisUrl: string | null = process.env.TEST_REDIS_URL || null;

/** A client of its own, to look at what the app stored, past the app's client. */
export async function inspectRedis(url: string) {
  const client = createClient({ url });
  await client.connect();
  return client;
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An address of the benchmarking range (RFC 2544, never a real client), new for each call: no two tests, or runs, share a rate-limit budget. */
export function randomAddress(): string {
  return `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 254) + 1}`;
}
