import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { rateLimit } from "@/lib/db/schema";
import { longestWindowSeconds } from "@/lib/rate-limit/rules";
import { consumeInDatabase, PRUNE_EVERY_MS, refundInDatabase } from "@/lib/rate-limit/database-storage";
import { consumeRateLimit } from "@/lib/rate-limit/storage";
import { rateLimitStorageContract } from "../support/rate-limit-storage-contract";

describe("the rate-limit storage shared by Better Auth and the app, in the database", () => {
  beforeAll(async () => {
    await migrateDatabase(getConnection());
  });

  rateLimitStorageContract({ consume: consumeInDatabase, refund: refundInDatabase }, async (key) => {
    const [row] = await getDb().select({ count: rateLimit.count }).from(rateLimit).where(eq(rateLimit.key, key));
    return row?.count ?? null;
  });

  it("forgets, within seconds, the rows idle for longer than the longest window, and keeps every other", async () => {
    const now = Date.now();
    const dead = {
      id: randomUUID(),
      key: `198.51.100.20|/prune/${randomUUID()}`,
      count: 3,
      lastRequest: now - longestWindowSeconds * 1000 - 1000,
    };
    const alive = {
      id: randomUUID(),
      key: `198.51.100.21|/prune/${randomUUID()}`,
      count: 3,
      lastRequest: now - longestWindowSeconds * 1000 + 60_000,
    };
    await getDb().insert(rateLimit).values([dead, alive]);
    // Another test's request may have pruned a moment ago: the next prune is due PRUNE_EVERY_MS after it.
    await new Promise((resolve) => setTimeout(resolve, PRUNE_EVERY_MS + 100));
    await consumeInDatabase(`198.51.100.22|/prune/${randomUUID()}`, { window: 60, max: 10 });
    const left = await getDb()
      .select({ key: rateLimit.key })
      .from(rateLimit)
      .where(inArray(rateLimit.key, [dead.key, alive.key]));
    expect(left.map((row) => row.key)).toEqual([alive.key]);
  });

  it("refuses to count a rule whose window is longer than the longest, which pruning would cut short", async () => {
    await expect(
      consumeRateLimit(`198.51.100.23|/too-long/${randomUUID()}`, { window: longestWindowSeconds + 1, max: 10 }),
    ).rejects.toThrow(/longestWindowSeconds/);
  });
});
