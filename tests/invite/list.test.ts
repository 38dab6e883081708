import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { json, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";
import { startPluginInstance } from "../support/plugin-instance";

type ListedInvite = {
  id: string;
  role: string;
  email: string | null;
  status: string;
  displayStatus: string;
  createdAt: string;
  createdBy: { id: string; name: string; email: string } | null;
  useCount: number;
  uses: { usedAt: string; previousRole: string | null; newRole: string; user: { id: string; name: string | null; email: string | null } }[];
};
type ListAnswer = { invitations: ListedInvite[]; hasMore: boolean; total?: number; limit: number; offset: number };

describe("GET /invite/list", () => {
  let app: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    otherAdmin = await signedInUser(app, { role: "admin" });
  });

  /**
   * The list must show every invitation an address ever had. One address holds one live invitation at a time
   * (tests/invite/mistakes.test.ts), so to list several at once the fixture lets go of the address after each,
   * as the end of an invitation does, leaving the rows live for the filters to find.
   */
  async function invite(body: Record<string, unknown>, by: TestUser = admin) {
    const created = await createInviteAs(app, by, body);
    await app.db.execute(sql`update invite set active_email = null where id = ${created.invitation.id}`);
    return created;
  }
  async function list(user: TestUser, query: Record<string, string | number>) {
    const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
    const response = await app.request(`/invite/list?${search}`, { jar: user.jar });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return { text, ...(JSON.parse(text) as ListAnswer) };
  }
  const idsOf = (answer: ListAnswer) => answer.invitations.map((invitation) => invitation.id);
  const accept = (user: TestUser, token: string) => app.request("/invite/accept", { body: { token }, jar: user.jar });

  it("shows an admin the invites other admins created, with who created them", async () => {
    const email = uniqueEmail("listed");
    const { invitation } = await invite({ role: "moderator", email }, otherAdmin);
    const answer = await list(admin, { email, withTotal: "true" });
    expect(answer).toMatchObject({ total: 1, hasMore: false });
    expect(answer.invitations).toHaveLength(1);
    expect(answer.invitations[0]).toMatchObject({
      id: invitation.id,
      role: "moderator",
      email,
      status: "pending",
      displayStatus: "pending",
      createdBy: { id: otherAdmin.id, name: "Test admin", email: otherAdmin.email },
      uses: [],
    });
  });

  it("lists newest first; limit and offset page through every match, hasMore says whether a page follows, withTotal counts them all", async () => {
    const email = uniqueEmail("paged");
    const created: string[] = [];
    for (let index = 0; index < 5; index++) created.push((await invite({ role: "user", email })).invitation.id);
    const newestFirst = [...created].reverse();

    const all = await list(admin, { email });
    expect(idsOf(all)).toEqual(newestFirst);
    expect(all).toMatchObject({ hasMore: false, limit: 20, offset: 0 });
    // The exact total is a count over every match: only on request.
    expect(all).not.toHaveProperty("total");
    expect(await list(admin, { email, withTotal: "true" })).toMatchObject({ total: 5 });
    expect(await list(admin, { email, withTotal: "false" })).not.toHaveProperty("total");
    const times = all.invitations.map((invitation) => new Date(invitation.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const pages = [
      await list(admin, { email, limit: 2 }),
      await list(admin, { email, limit: 2, offset: 2 }),
      await list(admin, { email, limit: 2, offset: 4 }),
    ];
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
    expect((await list(admin, { email, limit: 5 })).hasMore).toBe(false);
    expect(pages.map((page) => [page.limit, page.offset])).toEqual([
      [2, 0],
      [2, 2],
      [2, 4],
    ]);
    expect(pages.map(idsOf)).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
    expect(idsOf(await list(admin, { email, offset: 5 }))).toEqual([]);
  });

  it("pages through invites created in the same millisecond without repeating or skipping any", async () => {
    // A script that creates invites in a loop, or two admins at once, easily gives several the same createdAt.
    const email = uniqueEmail("same-instant");
    const created: string[] = [];
    for (let index = 0; index < 25; index++) created.push((await invite({ role: "user", email })).invitation.id);
    await app.db.execute(sql`update invite set created_at = '2030-01-01T00:00:00Z' where email = ${email}`);

    const seen: string[] = [];
    for (let offset = 0; offset < 25; offset += 3) seen.push(...idsOf(await list(admin, { email, limit: 3, offset })));
    const repeated = seen.filter((id, index) => seen.indexOf(id) !== index);
    const missing = created.filter((id) => !seen.includes(id));
    expect({ repeated, missing }).toEqual({ repeated: [], missing: [] });
  });

  it("filters by status: pending, used, canceled, rejected and expired", async () => {
    const email = uniqueEmail("statuses");
    const invitee = await signedInUser(app, { email });
    const pending = await invite({ role: "moderator", email });
    const used = await invite({ role: "moderator", email });
    const canceled = await invite({ role: "moderator", email });
    const rejected = await invite({ role: "moderator", email });
    const expired = await invite({ role: "moderator", email });
    // Accepted last of the creates: a moderator is not invited as moderator again.
    expect((await accept(invitee, used.token)).status).toBe(200);
    expect((await app.request("/invite/cancel", { body: { id: canceled.invitation.id }, jar: admin.jar })).status).toBe(200);
    expect((await app.request("/invite/reject", { body: { token: rejected.token }, jar: invitee.jar })).status).toBe(200);
    await app.db.execute(sql`update invite set expires_at = now() - interval '1 second' where id = ${expired.invitation.id}`);

    const expected = { pending, used, canceled, rejected, expired };
    for (const [status, { invitation }] of Object.entries(expected)) {
      const answer = await list(admin, { email, status, withTotal: "true" });
      expect(idsOf(answer), status).toEqual([invitation.id]);
      expect(answer.total, status).toBe(1);
      expect(answer.invitations[0]!.displayStatus, status).toBe(status);
    }
    expect((await list(admin, { email, withTotal: "true" })).total).toBe(5);
  });

  it("filters by role", async () => {
    const email = uniqueEmail("roles");
    const moderatorInvite = await invite({ role: "moderator", email });
    const adminInvite = await invite({ role: "admin", email });
    expect(idsOf(await list(admin, { email, role: "moderator" }))).toEqual([moderatorInvite.invitation.id]);
    expect(idsOf(await list(admin, { email, role: "admin" }))).toEqual([adminInvite.invitation.id]);
    expect(await list(admin, { email, role: "user", withTotal: "true" })).toMatchObject({ invitations: [], hasMore: false, total: 0 });
  });

  it("matches the email filter whatever its case", async () => {
    const email = uniqueEmail("MixedCase");
    const { invitation } = await invite({ role: "user", email: email.toUpperCase() });
    for (const typed of [email, email.toUpperCase(), ` ${email.toUpperCase()} `]) {
      const answer = await list(admin, { email: typed });
      expect(idsOf(answer), typed).toEqual([invitation.id]);
      expect(answer.invitations[0]!.email).toBe(email.toLowerCase());
    }
  });

  it("shows each use: who used the invite, the role before and after, and when", async () => {
    const email = uniqueEmail("used-by");
    const invitee = await signedInUser(app, { email });
    const { token, invitation } = await invite({ role: "moderator", email });
    const before = Date.now();
    expect((await accept(invitee, token)).status).toBe(200);

    const answer = await list(admin, { email });
    expect(answer.invitations).toHaveLength(1);
    const [listed] = answer.invitations;
    expect(listed).toMatchObject({
      id: invitation.id,
      status: "used",
      displayStatus: "used",
      createdBy: { id: admin.id, name: "Test admin", email: admin.email },
      uses: [{ previousRole: "user", newRole: "moderator", user: { id: invitee.id, name: "Test user", email } }],
    });
    const usedAt = new Date(listed!.uses[0]!.usedAt).getTime();
    expect(usedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(usedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("shows every use of a shareable invite, oldest first, each with its own user and roles", async () => {
    const { token, invitation } = await invite({ role: "moderator", maxUses: 3 });
    const first = await signedInUser(app, { label: "first-user" });
    const second = await signedInUser(app, { label: "second-user" });
    expect((await accept(first, token)).status).toBe(200);
    expect((await accept(second, token)).status).toBe(200);

    const answer = await list(admin, { status: "pending", role: "moderator", limit: 100 });
    const listed = answer.invitations.find((candidate) => candidate.id === invitation.id);
    expect(listed).toMatchObject({ email: null, status: "pending", createdBy: { id: admin.id } });
    expect(listed!.uses.map((use) => [use.user.id, use.user.email, use.previousRole, use.newRole])).toEqual([
      [first.id, first.email, "user", "moderator"],
      [second.id, second.email, "user", "moderator"],
    ]);
    expect(new Date(listed!.uses[0]!.usedAt).getTime()).toBeLessThanOrEqual(new Date(listed!.uses[1]!.usedAt).getTime());
  });

  it("lists at most 10 uses of an invitation, oldest first, with the exact useCount", async () => {
    const { token, invitation } = await invite({ role: "moderator", maxUses: 20 });
    const users: TestUser[] = [];
    for (let index = 0; index < 12; index++) users.push(await signedInUser(app, { label: `crowd-${index}` }));
    for (const user of users) expect((await accept(user, token)).status).toBe(200);

    const listed = (await list(admin, { status: "pending", role: "moderator", limit: 100 })).invitations.find(
      (candidate) => candidate.id === invitation.id,
    );
    expect(listed).toMatchObject({ useCount: 12 });
    expect(listed!.uses).toHaveLength(10);
    // The ten who accepted first, in that order: a join's limit alone would keep some ten, not these.
    expect(listed!.uses.map((use) => use.user.id)).toEqual(users.slice(0, 10).map((user) => user.id));

    // A database keeps rows in no promised order. Here the first two uses move to last by time, not by place: the
    // ten listed are still the earliest ten.
    await app.db.execute(
      sql`update invite_use set used_at = used_at + interval '1 hour' where invite_id = ${invitation.id} and used_by_user_id in (${users[0]!.id}, ${users[1]!.id})`,
    );
    const again = (await list(admin, { status: "pending", role: "moderator", limit: 100 })).invitations.find(
      (candidate) => candidate.id === invitation.id,
    );
    expect(again!.uses.map((use) => use.user.id)).toEqual(users.slice(2, 12).map((user) => user.id));
  });

  it("answers the same without Better Auth's joins, where the plugin batches its reads instead", async () => {
    // The app turns joins on (lib/auth/server.ts); an app that copies the plugin may not. Both read the same database here.
    const withoutJoins = await startPluginInstance();
    const { token } = await invite({ role: "moderator", maxUses: 3 });
    await invite({ role: "user", email: uniqueEmail("no-joins") });
    for (const label of ["joinless-1", "joinless-2"]) expect((await accept(await signedInUser(app, { label }), token)).status).toBe(200);

    // The whole newest page, uses and all: nothing else writes to this file's database meanwhile.
    const query = { limit: "100", withTotal: "true" };
    const joined = await list(admin, query);
    const batched = await withoutJoins.request(`/invite/list?${new URLSearchParams(query)}`, {
      jar: (await withoutJoins.user("admin")).jar,
    });
    expect(batched.status).toBe(200);
    expect(joined.invitations[1]!.uses).toHaveLength(2);
    const { text: _text, ...joinedAnswer } = joined;
    expect(await batched.json()).toEqual(joinedAnswer);
  });

  it("never includes a raw token or its hash", async () => {
    const email = uniqueEmail("secret");
    const created = [await invite({ role: "user", email }), await invite({ role: "user", email, tokenType: "code" })];
    const answer = await list(admin, { email });
    expect(idsOf(answer).sort()).toEqual(created.map(({ invitation }) => invitation.id).sort());
    for (const { token, invitation } of created) {
      const [row] = rowsOf<{ token_hash: string }>(await app.db.execute(sql`select token_hash from invite where id = ${invitation.id}`));
      expect(answer.text).not.toContain(token);
      expect(answer.text).not.toContain(token.replace("-", ""));
      expect(answer.text).not.toContain(row!.token_hash);
    }
    for (const listed of answer.invitations) {
      expect(listed).not.toHaveProperty("tokenHash");
      expect(listed).not.toHaveProperty("token");
    }
  });

  it("shows a non-admin none of the invites admins created", async () => {
    const email = uniqueEmail("admins-only");
    await invite({ role: "user", email });
    for (const role of ["user", "moderator"] as const) {
      const someone = await signedInUser(app, { role });
      expect(await list(someone, { withTotal: "true" })).toMatchObject({ invitations: [], hasMore: false, total: 0 });
      expect(await list(someone, { email, withTotal: "true" })).toMatchObject({ invitations: [], hasMore: false, total: 0 });
    }
  });

  it("shows a former admin, now a moderator, only the invites they created", async () => {
    const former = await signedInUser(app, { role: "admin", label: "former-admin" });
    const email = uniqueEmail("former");
    const own = await invite({ role: "moderator", email }, former);
    const othersOwn = await invite({ role: "moderator", email }, otherAdmin);
    expect(idsOf(await list(former, { email })).sort()).toEqual([own.invitation.id, othersOwn.invitation.id].sort());

    await app.db.execute(sql`update "user" set role = 'moderator' where id = ${former.id}`);
    const answer = await list(former, { withTotal: "true" });
    expect(idsOf(answer)).toEqual([own.invitation.id]);
    expect(answer.total).toBe(1);
    expect(await list(former, { email, withTotal: "true" })).toMatchObject({ total: 1 });
  });

  it("answers a bad query with 400 and a code", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "limit=1.5",
      "offset=-1",
      "status=bogus",
      "role=",
      "email=",
      "withTotal=yes",
    ]) {
      const response = await app.request(`/invite/list?${query}`, { jar: admin.jar });
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ code: expect.any(String) });
    }
  });

  it("needs a session: 401 USER_NOT_LOGGED_IN", async () => {
    expect(await json(await app.request("/invite/list"))).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
  });
});
