import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { RateLimitDecision, RateLimitRule } from "@/lib/rate-limit/contract";

type Storage = {
  consume: (key: string, rule: RateLimitRule) => Promise<RateLimitDecision>;
  refund: (key: string) => Promise<void>;
};

/**
 * What every rate-limit storage must hold (the database's, Redis's): one rolling window, decided
 * atomically, and a refund that gives one request back. `countOf` reads the count the storage
 * keeps for a key, straight from it.
 */
export function rateLimitStorageContract({ consume, refund }: Storage, countOf: (key: string) => Promise<number | null>) {
  it("lets exactly `max` of 20 simultaneous requests through, however they interleave", async () => {
    const key = `203.0.113.9|/race/${randomUUID()}`;
    const decisions = await Promise.all(Array.from({ length: 20 }, () => consume(key, { window: 60, max: 5 })));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    for (const decision of decisions.filter((decision) => !decision.allowed)) {
      expect(decision.retryAfter).toBeGreaterThan(0);
      expect(decision.retryAfter).toBeLessThanOrEqual(60);
    }
    expect(await countOf(key)).toBe(5);
  });

  it("starts a new window once the last allowed request is older than the window", async () => {
    const key = `203.0.113.10|/window/${randomUUID()}`;
    expect((await consume(key, { window: 1, max: 1 })).allowed).toBe(true);
    expect(await consume(key, { window: 1, max: 1 })).toEqual({ allowed: false, retryAfter: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await consume(key, { window: 1, max: 1 })).allowed).toBe(true);
    expect(await countOf(key)).toBe(1);
  });

  it("keeps the window open while allowed requests keep coming, and tells a refused one when it reopens", async () => {
    const key = `203.0.113.11|/rolling/${randomUUID()}`;
    expect((await consume(key, { window: 2, max: 2 })).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Allowed 1.2 s after the first: the window now runs 2 s from here, not from the first request.
    expect((await consume(key, { window: 2, max: 2 })).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await consume(key, { window: 2, max: 2 })).toEqual({ allowed: false, retryAfter: 1 });
  });

  it("keeps keys apart: one address's budget is not another's", async () => {
    const path = `/apart/${randomUUID()}`;
    expect((await consume(`198.51.100.1|${path}`, { window: 60, max: 1 })).allowed).toBe(true);
    expect((await consume(`198.51.100.1|${path}`, { window: 60, max: 1 })).allowed).toBe(false);
    expect((await consume(`198.51.100.2|${path}`, { window: 60, max: 1 })).allowed).toBe(true);
  });

  it("gives a slot back on refund: once the budget is spent, a refund lets exactly one more through, in the same window", async () => {
    const key = `203.0.113.12|/refund/${randomUUID()}`;
    for (let attempt = 0; attempt < 3; attempt++) expect((await consume(key, { window: 60, max: 3 })).allowed).toBe(true);
    expect((await consume(key, { window: 60, max: 3 })).allowed).toBe(false);
    await refund(key);
    expect(await countOf(key)).toBe(2);
    expect((await consume(key, { window: 60, max: 3 })).allowed).toBe(true);
    const refused = await consume(key, { window: 60, max: 3 });
    expect(refused.allowed).toBe(false);
    // The window ran on from the last allowed request, not from the refund.
    expect(refused.retryAfter).toBeGreaterThan(55);
  });

  it("refunds atomically, and never below zero or into a key it does not hold", async () => {
    const key = `203.0.113.13|/refund-race/${randomUUID()}`;
    for (let attempt = 0; attempt < 5; attempt++) await consume(key, { window: 60, max: 5 });
    // Seven refunds at once for five requests: each one that has something to give back gives exactly one.
    await Promise.all(Array.from({ length: 7 }, () => refund(key)));
    expect(await countOf(key)).toBe(0);
    const decisions = await Promise.all(Array.from({ length: 8 }, () => consume(key, { window: 60, max: 5 })));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);

    const unknown = `203.0.113.14|/refund-unknown/${randomUUID()}`;
    await refund(unknown);
    expect(await countOf(unknown)).toBeNull();
  });
}
