// GET /invite/list's order: newest first by default; sortBy createdAt or expiresAt, either way, on every database.
import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { type Instance, type Person, startInstance } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const listed = z.object({ invitations: z.array(z.object({ id: z.string(), expiresAt: z.string() })), hasMore: z.boolean() });

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let inviter: Person;
  /** Made in this order; their lifetimes in hours, so that the order by expiry is another than by creation. */
  const lifetimes = [5, 1, 9, 3];
  let ids: string[];
  beforeAll(async () => {
    app = await startInstance(database(), { canCreateInvite: { statement: "invite", permissions: ["create"] } });
    // A moderator sees only their own invitations: exactly these four.
    inviter = await app.user("moderator");
    ids = [];
    for (const hours of lifetimes) ids.push((await app.createInvite(inviter, { role: "user", expiresIn: hours * 3600 })).invitation.id);
  });

  async function order(query: string) {
    const reply = await app.call(`/invite/list${query}`, { jar: inviter.jar });
    expect(reply.status, reply.text).toBe(200);
    return listed.parse(reply.body).invitations.map((invitation) => invitation.id);
  }
  const byLifetime = (direction: 1 | -1) =>
    ids
      .map((id, at) => ({ id, hours: lifetimes[at] ?? 0 }))
      .sort((a, b) => direction * (a.hours - b.hours))
      .map((row) => row.id);

  it("is newest first by default, and sortBy=createdAt says the same both ways", async () => {
    const newestFirst = [...ids].reverse();
    expect(await order("")).toEqual(newestFirst);
    expect(await order("?sortBy=createdAt")).toEqual(newestFirst);
    expect(await order("?sortBy=createdAt&sortDirection=desc")).toEqual(newestFirst);
    expect(await order("?sortBy=createdAt&sortDirection=asc")).toEqual(ids);
  });

  it("sortBy=expiresAt orders by expiry, soonest first with asc and latest first with desc (the default direction)", async () => {
    expect(await order("?sortBy=expiresAt&sortDirection=asc")).toEqual(byLifetime(1));
    expect(await order("?sortBy=expiresAt&sortDirection=desc")).toEqual(byLifetime(-1));
    expect(await order("?sortBy=expiresAt")).toEqual(byLifetime(-1));
  });

  it("pages split the sorted list exactly, with the other filters kept", async () => {
    const first = await order("?sortBy=expiresAt&sortDirection=asc&limit=2");
    const second = await order("?sortBy=expiresAt&sortDirection=asc&limit=2&offset=2");
    expect([...first, ...second]).toEqual(byLifetime(1));
    expect(await order("?status=pending&sortBy=expiresAt&sortDirection=asc")).toEqual(byLifetime(1));
  });

  it("refuses any other sortBy or sortDirection with 400 VALIDATION_ERROR", async () => {
    for (const query of ["?sortBy=email", "?sortBy=id", "?sortDirection=up", "?sortBy=expiresAt&sortDirection=DESC"]) {
      expect(await app.call(`/invite/list${query}`, { jar: inviter.jar }), query).toMatchObject({
        status: 400,
        body: { code: "VALIDATION_ERROR" },
      });
    }
  });
});
