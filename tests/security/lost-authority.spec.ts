import type { Client } from "./support/client";
import { expect, test } from "./support/fixtures";

/**
 * Issue 12's first story, as an attacker plays it: an admin makes a shareable admin link, loses the admin role
 * (demoted, banned or removed), and a stranger who signs up tries the link. An invitation carries its
 * creator's authority as it is at the moment it is used.
 */
test.describe("an invitation never outlives its creator's authority", () => {
  async function adminLink(creator: Client) {
    const response = await creator.api("/invite/create", { body: { role: "admin", maxUses: 5 } });
    expect(response.status).toBe(200);
    return (await response.json()) as { token: string; url: string; invitation: { id: string } };
  }

  async function roleOf(client: Client) {
    return ((await (await client.api("/get-session")).json()) as { user: { role: string } }).user.role;
  }

  async function lastEvent(admin: Client, inviteId: string) {
    const { events } = (await (await admin.api(`/invite/events?inviteId=${inviteId}&limit=1`)).json()) as {
      events: { type: string; details: Record<string, unknown> }[];
    };
    return events[0];
  }

  for (const [story, loseAuthority] of [
    ["demoted with admin/set-role", (admin: Client, userId: string) => admin.api("/admin/set-role", { body: { userId, role: "user" } })],
    ["banned with admin/ban-user", (admin: Client, userId: string) => admin.api("/admin/ban-user", { body: { userId } })],
  ] as const) {
    test(`a link made by an admin who is then ${story} makes nobody admin`, async ({ admin, newUser }) => {
      const creator = await newUser("admin");
      const link = await adminLink(creator.client);
      expect((await loseAuthority(admin, creator.id)).status).toBe(200);

      const stranger = await newUser("user");
      const api = await stranger.client.api("/invite/accept", { body: { token: link.token } });
      expect(api.status).toBe(403);
      expect((await api.json()).code).toBe("INVITER_NOT_ALLOWED");
      // The form and the page say the invitation is no longer valid, in words.
      const form = await stranger.client.action(`/invite/${link.token}`, "acceptInviteAction", { token: link.token });
      expect(await form.text()).toContain("This invitation is no longer valid");
      const page = await (await stranger.client.send(`/invite/${link.token}`)).text();
      expect(page).toContain("Invitation no longer valid");
      expect(await roleOf(stranger.client)).toBe("user");
      expect(await lastEvent(admin, link.invitation.id)).toMatchObject({ type: "refused", details: { code: "INVITER_NOT_ALLOWED" } });
    });
  }

  test("a link made by an admin who is then removed is revoked with them, and its grants stay on record", async ({ admin, newUser }) => {
    const creator = await newUser("admin");
    const link = await adminLink(creator.client);
    const early = await newUser("user");
    expect((await early.client.api("/invite/accept", { body: { token: link.token } })).status).toBe(200);
    expect((await admin.api("/admin/remove-user", { body: { userId: creator.id } })).status).toBe(200);

    const stranger = await newUser("user");
    const api = await stranger.client.api("/invite/accept", { body: { token: link.token } });
    expect(api.status).toBe(410);
    expect((await api.json()).code).toBe("INVITE_CANCELED");
    expect(await roleOf(stranger.client)).toBe("user");

    // Who granted what stays, with who they were, after the person is gone.
    const { invitations } = (await (await admin.api("/invite/list?limit=100")).json()) as {
      invitations: { id: string; status: string; createdBy: { email: string }; uses: { user: { email: string } }[] }[];
    };
    const kept = invitations.find((invitation) => invitation.id === link.invitation.id);
    expect(kept).toMatchObject({ status: "canceled", createdBy: { email: creator.email }, uses: [{ user: { email: early.email } }] });
    expect(await lastEvent(admin, link.invitation.id)).toMatchObject({ type: "canceled", details: { reason: "creator-removed" } });
  });

  test("a demoted admin cannot resend their private invitations into a fresh 7 days", async ({ admin, newUser }) => {
    const creator = await newUser("admin");
    const created = await creator.client.api("/invite/create", { body: { role: "moderator", email: `resend-${Date.now()}@example.com` } });
    const { invitation } = (await created.json()) as { invitation: { id: string; expiresAt: string } };
    expect((await admin.api("/admin/set-role", { body: { userId: creator.id, role: "user" } })).status).toBe(200);

    const resend = await creator.client.api("/invite/resend", { body: { id: invitation.id } });
    expect(resend.status).toBe(403);
    expect((await resend.json()).code).toBe("INVITER_NOT_ALLOWED");
    const after = (await (await admin.api("/invite/list?limit=100")).json()) as { invitations: { id: string; expiresAt: string }[] };
    expect(after.invitations.find((row) => row.id === invitation.id)?.expiresAt).toBe(invitation.expiresAt);
  });

  test("nobody but an admin reads the event log", async ({ client, newUser }) => {
    expect((await client.api("/invite/events")).status).toBe(401);
    for (const role of ["user", "moderator"] as const) {
      const { client: someone } = await newUser(role);
      const answer = await someone.api("/invite/events");
      expect(answer.status).toBe(403);
      expect((await answer.json()).code).toBe("INSUFFICIENT_PERMISSIONS");
    }
  });
});
