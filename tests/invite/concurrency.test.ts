import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/app";
import { json, signedInUser, type TestUser } from "../support/users";
import { rowsOf, startAppWithAdmin } from "../support/invites";

describe("one use is one use, under concurrency", () => {
  let app: TestApp;
  let admin: TestUser;
  let people: TestUser[];
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    people = [];
    for (let index = 0; index < 30; index++) people.push(await signedInUser(app, { label: `racer${index}` }));
  }, 120_000);

  it("30 different users accepting a 3-use invite at the same moment: exactly 3 succeed and the count is 3", async () => {
    const { body } = await json(await app.request("/invite/create", { body: { role: "moderator", maxUses: 3 }, jar: admin.jar }));
    const responses = await Promise.all(
      people.map((person) => app.request("/invite/accept", { body: { token: body.token }, jar: person.jar }).then(json)),
    );

    const succeeded = responses.filter((response) => response.status === 200);
    expect(succeeded).toHaveLength(3);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expect(refused).toMatchObject({ status: 409, body: { code: "NO_USES_LEFT_FOR_INVITE" } });
    }

    const [invite] = rowsOf<{ use_count: number; uses_left: number }>(
      await app.db.execute(sql`select use_count, uses_left from invite where id = ${body.invitation.id}`),
    );
    expect(invite).toEqual({ use_count: 3, uses_left: 0 });
    const uses = rowsOf<{ n: number }>(
      await app.db.execute(sql`select count(*)::int as n from invite_use where invite_id = ${body.invitation.id}`),
    );
    expect(uses[0]?.n).toBe(3);
    const promoted = rowsOf<{ n: number }>(
      await app.db.execute(
        sql`select count(*)::int as n from "user" where id in ${people.map((person) => person.id)} and role = 'moderator'`,
      ),
    );
    expect(promoted[0]?.n).toBe(3);
  }, 60_000);

  it("one person's ten simultaneous clicks on a multi-use invite spend one use", async () => {
    const { body } = await json(await app.request("/invite/create", { body: { role: "moderator", maxUses: 10 }, jar: admin.jar }));
    const clicker = await signedInUser(app);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => app.request("/invite/accept", { body: { token: body.token }, jar: clicker.jar }).then(json)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expect(refused).toMatchObject({ status: 409, body: { code: "INVITE_ALREADY_ACCEPTED" } });
    }
    const [invite] = rowsOf<{ use_count: number }>(
      await app.db.execute(sql`select use_count from invite where id = ${body.invitation.id}`),
    );
    expect(invite?.use_count).toBe(1);
  }, 60_000);

  it("a cancel racing an accept leaves either a use or a cancellation, never both", async () => {
    const { body } = await json(await app.request("/invite/create", { body: { role: "moderator" }, jar: admin.jar }));
    const invitee = await signedInUser(app);
    const [accepted, canceled] = await Promise.all([
      app.request("/invite/accept", { body: { token: body.token }, jar: invitee.jar }).then(json),
      app.request("/invite/cancel", { body: { id: body.invitation.id }, jar: admin.jar }).then(json),
    ]);
    expect([accepted.status, canceled.status].filter((status) => status === 200)).toHaveLength(1);
    const [invite] = rowsOf<{ use_count: number; uses_left: number; status: string }>(
      await app.db.execute(sql`select use_count, uses_left, status from invite where id = ${body.invitation.id}`),
    );
    expect(invite).toEqual(
      accepted.status === 200 ? { use_count: 1, uses_left: 0, status: "pending" } : { use_count: 0, uses_left: 1, status: "canceled" },
    );
  }, 60_000);
});
