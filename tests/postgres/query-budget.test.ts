import { beforeAll, describe, expect, it } from "vitest";
import { onStatement } from "@/lib/db/statement-log";
import { type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, startAppWithAdmin } from "../support/invites";
import { signedInUser, type TestUser } from "../support/users";

/** The statements one request sends to PostgreSQL, BEGIN and COMMIT included, counted at the driver. */
async function statementsOf(send: () => Promise<Response>): Promise<{ status: number; statements: string[]; text: string }> {
  const statements: string[] = [];
  const stop = onStatement((statement) => {
    // postgres-js reads the array types once on each new connection: the driver's start-up, not the request's.
    if (!/from pg_catalog\.pg_type/.test(statement)) statements.push(statement.trim().replace(/\s+/g, " "));
  });
  try {
    const response = await send();
    const text = await response.text();
    return { status: response.status, statements, text };
  } finally {
    stop();
  }
}

const touchesSession = (statement: string) => /from "session"|update "session"/i.test(statement);

describe("query budgets on PostgreSQL", () => {
  let app: TestApp;
  let admin: TestUser;
  let sessionRead: number;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    const read = await statementsOf(() => app.request("/get-session", { jar: admin.jar }));
    expect(read.status).toBe(200);
    sessionRead = read.statements.length;
    expect(sessionRead).toBeGreaterThan(0);
  });

  it("looks up a public invitation for a signed-out visitor in at most 2 statements, none of them for a session", async () => {
    const { token } = await createInviteAs(app, admin, { role: "moderator" });
    const lookup = await statementsOf(() => app.request(`/invite/get?token=${encodeURIComponent(token)}`));
    expect(lookup.status).toBe(200);
    expect(lookup.statements.length, lookup.statements.join("\n")).toBeLessThanOrEqual(2);
    expect(lookup.statements.filter(touchesSession)).toEqual([]);
  });

  it("looks up a private invitation for its signed-in invitee in at most 2 statements beyond the session read", async () => {
    const email = uniqueEmail("budget");
    const invitee = await signedInUser(app, { email });
    const { token } = await createInviteAs(app, admin, { role: "moderator", email });
    const lookup = await statementsOf(() => app.request(`/invite/get?token=${encodeURIComponent(token)}`, { jar: invitee.jar }));
    expect(lookup.status).toBe(200);
    expect(lookup.statements.length - sessionRead, lookup.statements.join("\n")).toBeLessThanOrEqual(2);
  });

  // Read first, claim last (issue 17): the invitation and its creator are read and checked outside the transaction,
  // then BEGIN, the use, its event, the role, the guarded claim, COMMIT. One statement more than claiming first (7),
  // whose claim found the invitation, but the claim's row lock, all that accepts of one invitation wait on, is held
  // from the claim to COMMIT only, where it spanned the creator, the use, the event and the role.
  it("accepts in at most 8 statements beyond the session read, the guarded claim last before COMMIT, in one transaction", async () => {
    const { token } = await createInviteAs(app, admin, { role: "moderator", maxUses: 5 });
    const invitee = await signedInUser(app);
    const accept = await statementsOf(() => app.request("/invite/accept", { body: { token }, jar: invitee.jar }));
    expect(accept.status).toBe(200);
    const beyondSession = accept.statements.length - sessionRead;
    expect(beyondSession, accept.statements.join("\n")).toBeLessThanOrEqual(8);
    const transactionEnds = accept.statements.filter((statement) => /^(begin|commit)\b/i.test(statement));
    expect(transactionEnds.map((statement) => statement.toLowerCase().split(" ")[0])).toEqual(["begin", "commit"]);
    const commit = accept.statements.findIndex((statement) => /^commit\b/i.test(statement));
    expect(accept.statements[commit - 1], accept.statements.join("\n")).toMatch(/^update "invite" set .*"uses_left"/i);
    const begin = accept.statements.findIndex((statement) => /^begin\b/i.test(statement));
    const insideTransaction = accept.statements.slice(begin + 1, commit - 1);
    expect(
      insideTransaction.filter((statement) => /^select\b/i.test(statement)),
      "no read under the lock",
    ).toEqual([]);
  });

  // The people come from the rows' own snapshots: a page is one statement with its uses joined. Each link used more
  // often than the list shows adds an ordered read of its earliest uses, since a join's limit keeps some, not those.
  // Other files share this database, so a page may hold their busy links: the budget is read off the page itself.
  const budgetOf = (page: { text: string }) => {
    const { invitations } = JSON.parse(page.text) as { invitations: { useCount: number }[] };
    return 1 + invitations.filter((invitation) => invitation.useCount > 10).length;
  };

  it("lists a page in one statement beyond the session read, whatever its size, one more for each busy link, and counts only when asked", async () => {
    // A full page, with creators and uses: what a join-less read would pay a query per row for.
    for (let index = 0; index < 25; index++) {
      const { token } = await createInviteAs(app, admin, { role: "moderator", maxUses: 3 });
      if (index % 5 === 0)
        expect((await app.request("/invite/accept", { body: { token }, jar: (await signedInUser(app)).jar })).status).toBe(200);
    }
    for (const limit of [1, 20]) {
      const page = await statementsOf(() => app.request(`/invite/list?limit=${limit}`, { jar: admin.jar }));
      expect(page.status).toBe(200);
      expect(budgetOf(page), `limit=${limit}: only this file's invitations, none busy`).toBe(1);
      expect(page.statements.length - sessionRead, page.statements.join("\n")).toBeLessThanOrEqual(1);
      expect(
        page.statements.filter((statement) => /count\(/i.test(statement)),
        `limit=${limit}`,
      ).toEqual([]);
    }

    const { token: busy } = await createInviteAs(app, admin, { role: "moderator", maxUses: 20 });
    for (let index = 0; index < 11; index++)
      expect((await app.request("/invite/accept", { body: { token: busy }, jar: (await signedInUser(app)).jar })).status).toBe(200);
    for (const limit of [1, 20, 100]) {
      const page = await statementsOf(() => app.request(`/invite/list?limit=${limit}`, { jar: admin.jar }));
      expect(page.status).toBe(200);
      expect(budgetOf(page), `limit=${limit}: the busy link is the newest`).toBeGreaterThanOrEqual(2);
      expect(page.statements.length - sessionRead, page.statements.join("\n")).toBeLessThanOrEqual(budgetOf(page));
    }

    const counted = await statementsOf(() => app.request("/invite/list?limit=20&withTotal=true", { jar: admin.jar }));
    expect(counted.statements.length - sessionRead, counted.statements.join("\n")).toBeLessThanOrEqual(budgetOf(counted) + 1);
    expect(counted.statements.filter((statement) => /count\(/i.test(statement))).toHaveLength(1);
  });
});
