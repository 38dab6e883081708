// The Activity page's log (lib/activity/feed.ts): invitation and account events merged newest first, page by page,
// with nothing repeated or skipped where one page ends and the next begins.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type TestApp } from "../support/app";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";
import { signedInUser, type TestUser } from "../support/users";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

const { EVENTS_PER_PAGE, listActivityPage } = await import("@/lib/activity/feed");
const { banUser, unbanUser } = await import("@/lib/users/manage");

describe("the activity log", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    request.headers = new Headers({ cookie: admin.jar.header() });
    const subject = await signedInUser(app, { name: "Often Banned" });
    const actor = { id: admin.id, email: admin.email, name: "Test admin" };
    // Invitation and account events, interleaved, more than a page and a half of them.
    for (let round = 0; round < 10; round++) {
      await createInviteAs(app, admin, { role: "user" });
      await banUser({ userId: subject.id, reason: `round ${round}` }, { actor, headers: request.headers });
      await createInviteAs(app, admin, { role: "moderator" });
      await unbanUser({ userId: subject.id }, { actor, headers: request.headers });
    }
  });

  /** Every event of both logs, newest first, as the database orders their ids. */
  async function allIds(): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await app.db.execute(sql`select id from invite_event union all select id from user_event order by id desc`),
    );
    return rows.map((row) => row.id);
  }

  const countOf = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ count: string }>(await app.db.execute(query))[0]?.count);

  it("merges both logs newest first, and its pages follow on without a gap or a repeat", async () => {
    const expected = await allIds();
    expect(expected.length).toBeGreaterThan(EVENTS_PER_PAGE + 10);
    const first = await listActivityPage({ page: 1 });
    const second = await listActivityPage({ page: 2 });
    expect(first.hasMore).toBe(true);
    const shown = [...first.items, ...second.items];
    expect(shown.map((item) => item.event.id)).toEqual(expected.slice(0, shown.length));
    expect(shown.length).toBe(Math.min(expected.length, 2 * EVENTS_PER_PAGE));
    expect(new Set(shown.map((item) => item.source))).toEqual(new Set(["invite", "account"]));
    const ban = shown.find((item) => item.source === "account" && item.event.kind === "banned");
    expect(ban?.event).toMatchObject({ subjectName: "Often Banned", actorEmail: admin.email, banReason: expect.stringMatching(/^round/) });
  });

  it("shows only account events under the Accounts filter, and only invitation events under an invitation type", async () => {
    const accounts = await listActivityPage({ filter: "accounts", page: 1 });
    expect(accounts.items.length).toBe(Math.min(EVENTS_PER_PAGE, await countOf(sql`select count(*) from user_event`)));
    expect(accounts.items.every((item) => item.source === "account")).toBe(true);
    expect(accounts.items.map((item) => item.event.id)).toEqual(
      accounts.items
        .map((item) => item.event.id)
        .toSorted()
        .reverse(),
    );

    const created = await listActivityPage({ filter: "created", page: 1 });
    expect(created.items.length).toBe(
      Math.min(EVENTS_PER_PAGE, await countOf(sql`select count(*) from invite_event where type = 'created'`)),
    );
    expect(created.items.every((item) => item.source === "invite" && item.event.type === "created")).toBe(true);
  });
});
