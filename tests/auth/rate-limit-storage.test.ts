import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { rateLimit } from "@/lib/db/schema";
import { consumeRateLimit } from "@/lib/rate-limit-storage";

describe("the rate-limit storage shared by Better Auth and the app", () => {
  beforeAll(async () => {
    await migrateDatabase(getConnection());
  });

  it("lets exactly `max` of 20 simultaneous requests through, however they interleave", async () => {
    const key = `203.0.113.9|/race/${randomUUID()}`;
    const decisions = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(key, { window: 60, max: 5 })));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    for (const decision of decisions.filter((decision) => !decision.allowed)) {
      expect(decision.retryAfter).toBeGreaterThan(0);
      expect(decision.retryAfter).toBeLessThanOrEqual(60);
    }
    const [row] = await getDb().select().from(rateLimit).where(eq(rateLimit.key, key));
    expect(row!.count).toBe(5);
  });

  it("starts a new window once the last allowed request is older than the window", async () => {
    const key = `203.0.113.10|/window/${randomUUID()}`;
    expect((await consumeRateLimit(key, { window: 1, max: 1 })).allowed).toBe(true);
    expect(await consumeRateLimit(key, { window: 1, max: 1 })).toEqual({ allowed: false, retryAfter: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await consumeRateLimit(key, { window: 1, max: 1 })).allowed).toBe(true);
    const [row] = await getDb().select().from(rateLimit).where(eq(rateLimit.key, key));
    expect(row!.count).toBe(1);
  });

  it("keeps keys apart: one address's budget is not another's", async () => {
    const path = `/apart/${randomUUID()}`;
    expect((await consumeRateLimit(`198.51.100.1|${path}`, { window: 60, max: 1 })).allowed).toBe(true);
    expect((await consumeRateLimit(`198.51.100.1|${path}`, { window: 60, max: 1 })).allowed).toBe(false);
    expect((await consumeRateLimit(`198.51.100.2|${path}`, { window: 60, max: 1 })).allowed).toBe(true);
  });
});
