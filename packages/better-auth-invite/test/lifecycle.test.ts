// lifecycle.ts decides each state of an invitation twice: as the guard the database evaluates and as the check on a row
// in hand. Both answer here for the same rows, on every target: each stored status, unlimited and limited invitations
// with a use left and none, expiries a day and a millisecond either side of the instant and on it. A rule changed on
// one side only, or a guard whose OR conditions no longer come first (the memory adapter), makes a row disagree.
import { isAPIError } from "better-auth/api";
import type { Where } from "better-auth";
import { beforeAll, describe, expect, it } from "vitest";
import type { Invitation, InviteDisplayStatus, InviteStatus } from "../src/index";
import { assertStillOpen, displayStatus, inState, isUsable, stillOpen, usableNoLonger, usableNow } from "../src/lifecycle";
import { type Instance, startInstance } from "./support/instance";
import { describeTargets, targets, useDatabase } from "./support/targets";

const NOW = new Date("2031-03-04T05:06:07.000Z");
const EXPIRIES: Record<string, number> = { "a day ago": -86_400_000, "1 ms ago": -1, now: 0, "in 1 ms": 1, "in a day": 86_400_000 };
const COUNTS: { maxUses: number | null; useCount: number }[] = [
  { maxUses: null, useCount: 0 },
  { maxUses: null, useCount: 4 },
  { maxUses: 1, useCount: 0 },
  { maxUses: 1, useCount: 1 },
  { maxUses: 3, useCount: 2 },
  { maxUses: 3, useCount: 3 },
];
// A state missing here leaves its rows found by no filter, which the comparison reports.
const DISPLAY_STATUSES: InviteDisplayStatus[] = ["pending", "used", "expired", "canceled", "rejected"];

/** Cancel and resend's check, as a yes or no. */
function mayManage(invitation: Invitation): boolean {
  try {
    assertStillOpen(invitation, NOW);
    return true;
  } catch (error) {
    if (isAPIError(error)) return false;
    throw error;
  }
}

/** A batch of rows, under a creator id of their own, as read back from the database. */
type Stored = { batch: string; rows: Invitation[] };
/** A guard of lifecycle.ts, with the caller's condition. */
type Guard = (and: Where) => Where[];

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  beforeAll(async () => {
    app = await startInstance(database());
  });

  /**
   * One row for each stored status, count and expiry, under a creator id of its own, as the plugin writes them (the
   * `usesLeft` column beside the counts); read back, since a check always runs on a row read from the database.
   * Each row's name (in createdByName) says what it is.
   */
  async function storeRows(statuses: InviteStatus[]): Promise<Stored> {
    const batch = `lifecycle-${statuses.join("-")}-${Math.random().toString(36).slice(2, 10)}`;
    const writes = statuses.flatMap((status) =>
      COUNTS.flatMap(({ maxUses, useCount }) =>
        Object.entries(EXPIRIES).map(([when, offset], index) =>
          app.adapter.create<Omit<Invitation, "id">, Invitation>({
            model: "invite",
            data: {
              tokenHash: `${batch}-${status}-${maxUses}-${useCount}-${index}`,
              tokenType: "token",
              role: "user",
              email: null,
              activeEmail: null,
              createdByUserId: batch,
              createdByName: `${status}, ${maxUses === null ? `unlimited, ${useCount} used` : `${useCount} of ${maxUses} used`}, expires ${when}`,
              createdByEmail: "lifecycle@example.com",
              createdAt: new Date(NOW.getTime() - 7 * 86_400_000),
              expiresAt: new Date(NOW.getTime() + offset),
              maxUses,
              useCount,
              usesLeft: maxUses === null ? null : maxUses - useCount,
              status,
              redirectToAfterUpgrade: null,
              newAccount: false,
              metadata: null,
              message: null,
              allowedDomains: null,
              remindAt: null,
              sealedToken: null,
              previousTokenHash: null,
            },
          }),
        ),
      ),
    );
    await Promise.all(writes);
    const rows = await app.adapter.findMany<Invitation>({
      model: "invite",
      where: [{ field: "createdByUserId", value: batch }],
      limit: 1000,
    });
    expect(rows).toHaveLength(writes.length);
    return { batch, rows };
  }

  /** The ids of the rows the database finds with `guard`, which is given the batch's condition as a caller gives its own. */
  async function found(stored: Stored, guard: Guard): Promise<Set<string>> {
    const rows = await app.adapter.findMany<Invitation>({
      model: "invite",
      where: guard({ field: "createdByUserId", value: stored.batch }),
      limit: 1000,
    });
    return new Set(rows.map((row) => row.id));
  }

  /** The rows on which the database, given `guard`, and `check` disagree, each with both answers. */
  async function disagreements(stored: Stored, guard: Guard, check: (row: Invitation) => boolean): Promise<string[]> {
    const ids = await found(stored, guard);
    return stored.rows
      .filter((row) => ids.has(row.id) !== check(row))
      .map((row) => `${row.createdByName}: the database says ${ids.has(row.id)}, the check ${check(row)}`)
      .sort();
  }

  /** The states whose filter finds each row, beside the one displayStatus names, for the rows where they differ. */
  async function stateDisagreements(stored: Stored, expected: (row: Invitation) => InviteDisplayStatus[]): Promise<string[]> {
    const byState = await Promise.all(
      DISPLAY_STATUSES.map(async (status) => ({ status, ids: await found(stored, (batch) => inState(status, NOW, batch)) })),
    );
    return stored.rows
      .map((row) => ({ row, filters: byState.filter(({ ids }) => ids.has(row.id)).map(({ status }) => status) }))
      .filter(({ row, filters }) => filters.join() !== expected(row).join())
      .map(({ row, filters }) => `${row.createdByName}: found by [${filters.join(", ")}], shown as ${displayStatus(row, NOW)}`)
      .sort();
  }

  describe("the statuses this version writes", () => {
    let stored: Stored;
    beforeAll(async () => {
      stored = await storeRows(["pending", "canceled", "rejected"]);
    });

    it("usableNow finds exactly the invitations isUsable passes, and usableNoLonger exactly the others", async () => {
      expect(
        await disagreements(
          stored,
          (batch) => usableNow(NOW, batch),
          (row) => isUsable(row, NOW),
        ),
      ).toEqual([]);
      expect(
        await disagreements(
          stored,
          (batch) => usableNoLonger(NOW, batch),
          (row) => !isUsable(row, NOW),
        ),
      ).toEqual([]);
    });

    it("stillOpen finds exactly the invitations cancel and resend may act on, expired ones included", async () => {
      expect(await disagreements(stored, stillOpen, mayManage)).toEqual([]);
    });

    it("each invitation is found by one status filter of the list, the one displayStatus names", async () => {
      expect(await stateDisagreements(stored, (row) => [displayStatus(row, NOW)])).toEqual([]);
    });
  });

  it("a row an earlier version stored as used is refused by every guard and every check, and no status filter lists it", async () => {
    const legacy = await storeRows(["used"]);
    for (const row of legacy.rows) {
      expect([row.createdByName, isUsable(row, NOW), mayManage(row), displayStatus(row, NOW)]).toEqual([
        row.createdByName,
        false,
        false,
        "used",
      ]);
    }
    expect(
      await disagreements(
        legacy,
        (batch) => usableNow(NOW, batch),
        () => false,
      ),
    ).toEqual([]);
    expect(
      await disagreements(
        legacy,
        (batch) => usableNoLonger(NOW, batch),
        () => true,
      ),
    ).toEqual([]);
    expect(await disagreements(legacy, stillOpen, () => false)).toEqual([]);
    // The list's filters read only the statuses this version writes: such a row shows as used but is found by none.
    expect(await stateDisagreements(legacy, () => [])).toEqual([]);
  });
});
