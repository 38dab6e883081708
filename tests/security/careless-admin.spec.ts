import { uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";
import { seededAdmin } from "./support/server";

/**
 * Issue 12's careless admin: an invitation to someone who already has the role, to oneself, or to an address
 * that already has one pending, goes out from no path (API, form, bulk form) and leaves no row behind.
 */
test.describe("a careless admin's mistakes are refused", () => {
  /** Invitation emails only: signing up sends a verification email too. */
  async function outboxTo(admin: Parameters<Parameters<typeof test>[2]>[0]["admin"], email: string) {
    const { emails } = (await (await admin.send(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
      emails: { text: string }[];
    };
    return emails.filter((sent) => sent.text.includes("/api/auth/invite/")).length;
  }

  test("inviting an admin as moderator, or oneself, is refused by the API and by the form, with nothing sent", async ({
    admin,
    newUser,
  }) => {
    const existing = await newUser("admin");
    const api = await admin.api("/invite/create", { body: { role: "moderator", email: existing.email } });
    expect(api.status).toBe(409);
    expect((await api.json()).code).toBe("ALREADY_HAS_ROLE");
    const form = await admin.action("/dashboard/invites", "createInviteAction", {
      audience: "person",
      email: existing.email,
      role: "moderator",
    });
    expect(await form.text()).toContain("already has this role, or a higher one");
    expect(await outboxTo(admin, existing.email)).toBe(0);

    const self = await admin.api("/invite/create", { body: { role: "admin", email: seededAdmin.email } });
    expect(self.status).toBe(400);
    expect((await self.json()).code).toBe("CANNOT_INVITE_YOURSELF");
  });

  test("a second invitation to one address is refused while the first is live, by every path", async ({ admin }) => {
    const email = uniqueEmail("twice");
    expect((await admin.api("/invite/create", { body: { role: "moderator", email } })).status).toBe(200);
    const again = await admin.api("/invite/create", { body: { role: "admin", email: email.toUpperCase() } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe("ALREADY_INVITED");
    const form = await admin.action("/dashboard/invites", "createInviteAction", { audience: "person", email, role: "admin" });
    expect(await form.text()).toContain("already has a pending invitation");
    expect(await outboxTo(admin, email)).toBe(1);
  });

  test("the bulk form reports each mistake on its own address, and sends the rest", async ({ admin, newUser }) => {
    const moderator = await newUser("moderator");
    const pending = uniqueEmail("pending");
    expect((await admin.api("/invite/create", { body: { role: "moderator", email: pending } })).status).toBe(200);
    const fresh = uniqueEmail("fresh");
    const response = await admin.action("/dashboard/invites", "bulkInviteAction", {
      emails: [moderator.email, pending, seededAdmin.email, fresh, fresh.toUpperCase()].join("\n"),
      role: "moderator",
    });
    const text = await response.text();
    expect(text).toContain(
      "1 of 5 addresses invited with Moderator role. 1 address was given twice (letter case aside) and got no second invitation.",
    );
    expect(text).toContain("already has this role, or a higher one");
    expect(text).toContain("already has a pending invitation");
    expect(text).toContain("You can't invite yourself");
    expect(await outboxTo(admin, fresh)).toBe(1);
    expect(await outboxTo(admin, moderator.email)).toBe(0);
  });

  test("the form's warning before sending is for inviters only, and reveals nothing to anyone else", async ({ admin, client, newUser }) => {
    const { client: user, email } = await newUser("moderator");
    const args = JSON.stringify([{ email, role: "moderator" }]);
    const warned = await admin.action("/dashboard/invites", "checkInviteAction", {}, {}, args);
    expect(await warned.text()).toContain("already has this role");
    for (const someone of [client, user]) {
      const response = await someone.action("/dashboard/invites", "checkInviteAction", {}, {}, args);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toContain("already has this role");
    }
  });
});
