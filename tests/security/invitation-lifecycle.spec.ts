import { Client } from "./support/client";
import { expect, test } from "./support/fixtures";

/** What the published bugs did with invitations that should have been dead, or that a robot opened. */
test.describe("invitation lifecycle", () => {
  async function usesOf(admin: Client, id: string) {
    const { invitations } = await (await admin.api("/invite/list")).json();
    return invitations.find((invitation: { id: string }) => invitation.id === id) as { status: string; useCount: number };
  }

  test("a revoked invitation cannot be accepted, by API or by form", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", maxUses: 3 } })).json();
    expect((await admin.api("/invite/cancel", { body: { id: created.invitation.id } })).status).toBe(200);
    const { client } = await newUser("user");
    const api = await client.api("/invite/accept", { body: { token: created.token } });
    expect(api.status).toBe(410);
    expect((await api.json()).code).toBe("INVITE_CANCELED");
    const form = await client.action(`/invite/${created.token}`, "acceptInviteAction", { token: created.token });
    expect(await form.text()).toContain("This invitation can no longer be used: it was revoked, or declined.");
    expect(await usesOf(admin, created.invitation.id)).toMatchObject({ status: "canceled", useCount: 0 });
  });

  test("an expired invitation cannot be accepted", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", expiresIn: 1 } })).json();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { client } = await newUser("user");
    const api = await client.api("/invite/accept", { body: { token: created.token } });
    expect(api.status).toBe(410);
    expect((await api.json()).code).toBe("INVITE_EXPIRED");
    expect((await usesOf(admin, created.invitation.id)).useCount).toBe(0);
  });

  test("an email scanner opening the link, the page and the look-up spends nothing", async ({ admin, newUser, server }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", maxUses: 1 } })).json();
    const scanner = new Client(server.url);
    for (let round = 0; round < 3; round++) {
      expect((await scanner.send(new URL(created.url).pathname)).status).toBe(302);
      expect((await scanner.send(`/invite/${created.token}`)).status).toBe(200);
      expect((await scanner.api(`/invite/get?token=${encodeURIComponent(created.token)}`)).status).toBe(200);
      expect((await scanner.send(`/invite/${created.token}`, { method: "HEAD" })).status).toBeLessThan(400);
    }
    expect(await usesOf(admin, created.invitation.id)).toMatchObject({ status: "pending", useCount: 0 });
    // The one use is still there for the person it was meant for.
    const { client } = await newUser("user");
    expect((await client.api("/invite/accept", { body: { token: created.token } })).status).toBe(200);
  });

  test("a used-up invitation cannot be accepted again, by anyone", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", maxUses: 1 } })).json();
    const first = await newUser("user");
    expect((await first.client.api("/invite/accept", { body: { token: created.token } })).status).toBe(200);
    const again = await first.client.api("/invite/accept", { body: { token: created.token } });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    const second = await newUser("user");
    const late = await second.client.api("/invite/accept", { body: { token: created.token } });
    expect(late.status).toBe(409);
    expect((await late.json()).code).toBe("NO_USES_LEFT_FOR_INVITE");
    expect(await usesOf(admin, created.invitation.id)).toMatchObject({ useCount: 1 });
  });
});
