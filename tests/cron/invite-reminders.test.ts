import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invite } from "@/lib/db/schema";
import type { TestApp } from "../support/app";
import { createInviteAs, inviteLinkIn, outboxFor, startAppWithAdmin } from "../support/invites";
import { json, signedInUser, type TestUser } from "../support/users";

// Read once, at the first request, by lib/env.ts.
const SECRET = "cron-secret-for-the-reminder-route-0123";
process.env.CRON_SECRET = SECRET;

const ROUTE = "http://localhost:3000/api/cron/invite-reminders";

async function callRoute(method: "POST" | "GET", authorization?: string): Promise<Response> {
  const { GET, POST } = await import("@/app/api/cron/invite-reminders/route");
  const request = new Request(ROUTE, { method, headers: authorization === undefined ? {} : { authorization } });
  return (method === "POST" ? POST : GET)(request);
}

describe("POST /api/cron/invite-reminders", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  it("refuses a call without the secret, or with another one, with 401 and sends nothing", async () => {
    for (const authorization of [
      undefined,
      "",
      SECRET,
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(0, -1)}`,
      `Basic ${SECRET}`,
      "Bearer ",
    ]) {
      const response = await callRoute("POST", authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHORIZED" });
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("sends a due invitation's one reminder, whose link still works, even when two calls overlap", async () => {
    const invitee = await signedInUser(app, { role: "user" });
    const { token, invitation } = await createInviteAs(app, admin, { role: "moderator", email: invitee.email });
    // Three days on, as the schedule would find it.
    await app.db
      .update(invite)
      .set({ remindAt: new Date(Date.now() - 1000) })
      .where(eq(invite.id, invitation.id));

    const [first, second] = await Promise.all([callRoute("POST", `Bearer ${SECRET}`), callRoute("POST", `Bearer ${SECRET}`)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const runs = [await first.json(), await second.json()];
    expect(runs.reduce((sent, run) => sent + run.sent, 0)).toBe(1);
    expect(runs.every((run) => run.failed === 0)).toBe(true);

    const { emails } = await outboxFor(invitee.email);
    expect(emails.map((email) => email.subject)).toEqual([
      "Reminder: Test admin invited you to become a moderator",
      "Test admin invited you to become a moderator on Invite Kit",
    ]);
    const reminder = inviteLinkIn(emails[0]!.text);
    expect(reminder).toEqual(inviteLinkIn(emails[1]!.text));
    expect(reminder.token).toBe(token);
    expect(await json(await app.request("/invite/accept", { body: { token: reminder.token }, jar: invitee.jar }))).toMatchObject({
      status: 200,
      body: { role: "moderator" },
    });

    // Nothing is due any more.
    expect(await (await callRoute("POST", `Bearer ${SECRET}`)).json()).toEqual({ sent: 0, failed: 0, skipped: 0, hasMore: false });
  });

  it("answers Vercel Cron's GET the same way, behind the same secret", async () => {
    expect((await callRoute("GET")).status).toBe(401);
    const response = await callRoute("GET", `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sent: expect.any(Number), failed: 0 });
  });
});
