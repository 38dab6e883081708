import { Client, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";

/**
 * Nobody gets a role they were not granted: roles, user ids and counts come
 * only from the server (CVE-2025-61928 took a user id from the body), and
 * every endpoint and action checks who is asking.
 */
test.describe("privilege escalation", () => {
  async function roleOf(admin: Client, userId: string) {
    const response = await admin.api(`/admin/list-users?filterField=id&filterValue=${userId}&filterOperator=eq`);
    const { users } = await response.json();
    return users[0]?.role as string | undefined;
  }

  test("sign-up ignores a role, a verified flag or a ban sent in its body", async ({ client, admin }) => {
    const email = uniqueEmail("grabby");
    const response = await client.api("/sign-up/email", {
      body: { name: "Grabby", email, password: "a-long-enough-password", role: "admin", emailVerified: true, banned: false },
    });
    if (response.ok) {
      const { user } = await response.json();
      expect(await roleOf(admin, user.id)).toBe("user");
      const session = await (await client.api("/get-session")).json();
      expect(session.user).toMatchObject({ role: "user", emailVerified: false });
    } else {
      expect(response.status).toBe(400);
    }
  });

  test("a user cannot give themselves a role through update-user or the admin API", async ({ newUser, admin }) => {
    const { client, id } = await newUser("user");
    const update = await client.api("/update-user", { body: { role: "admin" } });
    expect(update.status).toBe(400);
    const setRole = await client.api("/admin/set-role", { body: { userId: id, role: "admin" } });
    expect(setRole.status).toBe(403);
    expect(await roleOf(admin, id)).toBe("user");
  });

  test("an admin cannot raise a role through the admin API: set-role, update-user and create-user refuse, lowering still works", async ({
    newUser,
    admin,
  }) => {
    const { id } = await newUser("moderator");
    for (const [path, body] of [
      ["/admin/set-role", { userId: id, role: "admin" }],
      ["/admin/set-role", { userId: id, role: ["user", "admin"] }],
      ["/admin/update-user", { userId: id, data: { role: "admin" } }],
    ] as const) {
      const response = await admin.api(path, { body });
      expect(response.status, path).toBe(403);
      expect((await response.json()).code).toBe("ROLE_RAISE_NEEDS_INVITATION");
    }
    expect(await roleOf(admin, id)).toBe("moderator");

    const email = uniqueEmail("direct-admin");
    const created = await admin.api("/admin/create-user", {
      body: { email, password: "a-long-enough-password", name: "Direct", role: "admin" },
    });
    expect(created.status).toBe(403);
    expect((await created.json()).code).toBe("ROLE_RAISE_NEEDS_INVITATION");
    const listed = await (await admin.api(`/admin/list-users?searchField=email&searchValue=${encodeURIComponent(email)}`)).json();
    expect(listed.users).toEqual([]);

    expect((await admin.api("/admin/set-role", { body: { userId: id, role: "moderator" } })).status).toBe(200);
    expect((await admin.api("/admin/set-role", { body: { userId: id, role: "user" } })).status).toBe(200);
    expect(await roleOf(admin, id)).toBe("user");
  });

  test("users and moderators cannot create invitations, by API or by server action", async ({ newUser, admin }) => {
    // The moderator's own role came through an invitation (newUser): counted from after it.
    const clients = [(await newUser("user")).client, (await newUser("moderator")).client];
    const before = await admin.invitationCount();
    for (const client of clients) {
      const api = await client.api("/invite/create", { body: { role: "user" } });
      expect(api.status).toBe(403);
      expect((await api.json()).code).toBe("INSUFFICIENT_PERMISSIONS");
      const action = await client.action("/dashboard/invites", "createInviteAction", { audience: "anyone", role: "admin", maxUses: "100" });
      expect(await action.text()).toContain("You don't have permission to do that.");
      const bulk = await client.action("/dashboard/invites", "bulkInviteAction", { role: "admin", emails: "friend@example.com" });
      expect(await bulk.text()).toContain("You don't have permission to do that.");
    }
    expect(await admin.invitationCount()).toBe(before);
  });

  test("create refuses fields the server owns and roles that do not exist", async ({ admin }) => {
    const before = await admin.invitationCount();
    const owned = ["id", "createdByUserId", "status", "useCount", "usesLeft", "tokenHash", "newAccount", "createdAt", "token"];
    for (const field of owned) {
      const response = await admin.api("/invite/create", {
        body: { role: "user", [field]: field === "useCount" || field === "usesLeft" ? 1000 : "x" },
      });
      expect(response.status, field).toBe(400);
      expect((await response.json()).code, field).toBeTruthy();
    }
    for (const role of ["superadmin", "ADMIN", "admin ", "admin,user", ["admin"], 1, null, ""]) {
      const response = await admin.api("/invite/create", { body: { role } });
      expect(response.status, JSON.stringify(role)).toBe(400);
    }
    expect(await admin.invitationCount()).toBe(before);
  });

  test("accept grants the invitation's role and nothing the body asks for", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", maxUses: 5 } })).json();
    const { client, id } = await newUser("user");
    const other = await newUser("user");
    for (const extra of [{ role: "admin" }, { userId: other.id }, { invitedUserId: other.id }]) {
      const response = await client.api("/invite/accept", { body: { token: created.token, ...extra } });
      expect(response.status, JSON.stringify(extra)).toBe(400);
    }
    const action = await client.action(`/invite/${created.token}`, "acceptInviteAction", {
      token: created.token,
      role: "admin",
      userId: other.id,
    });
    expect(action.status).toBeLessThan(400);
    expect(await roleOf(admin, id)).toBe("moderator");
    expect(await roleOf(admin, other.id)).toBe("user");
  });

  test("a private invitation cannot be taken by another account, even one that signs up with the invitee's address unverified", async ({
    admin,
    newUser,
    server,
  }) => {
    const invitee = uniqueEmail("invitee");
    const created = await (await admin.api("/invite/create", { body: { role: "admin", email: invitee } })).json();
    // Someone else, who got hold of the link.
    const { client: stranger, id: strangerId } = await newUser("user");
    const wrongAccount = await stranger.api("/invite/accept", { body: { token: created.token } });
    expect(wrongAccount.status).toBe(403);
    expect((await wrongAccount.json()).code).toBe("EMAIL_MISMATCH");
    // GHSA-fmh4-wcc4-5jm3: an account made with the invitee's address, without the emailed link, is unverified.
    const squatter = new Client(server.url);
    const { user } = await squatter.signUp({ name: "Squatter", email: invitee, password: "a-long-enough-password" });
    const unverified = await squatter.api("/invite/accept", { body: { token: created.token } });
    expect(unverified.status).toBe(403);
    expect((await unverified.json()).code).toBe("EMAIL_NOT_VERIFIED");
    expect(await roleOf(admin, user.id)).toBe("user");
    expect(await roleOf(admin, strangerId)).toBe("user");
    const listed = (await (await admin.api("/invite/list")).json()).invitations.find(
      (invitation: { id: string }) => invitation.id === created.invitation.id,
    );
    expect(listed).toMatchObject({ status: "pending", useCount: 0 });
  });

  test("a guessed short code never verifies an address: signing up through a private code leaves the account unverified", async ({
    admin,
    server,
  }) => {
    const invitee = uniqueEmail("coded");
    const created = await (await admin.api("/invite/create", { body: { role: "admin", email: invitee, tokenType: "code" } })).json();
    const guesser = new Client(server.url);
    expect((await guesser.api(`/invite/${encodeURIComponent(created.token)}`)).status).toBe(302);
    const response = await guesser.api("/sign-up/email", { body: { name: "Guesser", email: invitee, password: "a-long-enough-password" } });
    expect(response.status).toBe(200);
    const session = await (await guesser.api("/get-session")).json();
    expect(session.user).toMatchObject({ emailVerified: false, role: "user" });
  });

  test("only an invitation's creator or an admin may revoke or resend it", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "user", email: uniqueEmail("kept") } })).json();
    const { client } = await newUser("user");
    const cancel = await client.api("/invite/cancel", { body: { id: created.invitation.id } });
    expect([403, 404]).toContain(cancel.status);
    const resend = await client.api("/invite/resend", { body: { id: created.invitation.id } });
    expect([403, 404]).toContain(resend.status);
    const cancelAction = await client.action("/dashboard/invites", "cancelInviteAction", { id: created.invitation.id });
    expect(await cancelAction.text()).toContain("You don't have permission to do that.");
    const list = await (await client.api("/invite/list")).json();
    expect(list.invitations ?? []).not.toContainEqual(expect.objectContaining({ id: created.invitation.id }));
    const listed = (await (await admin.api("/invite/list")).json()).invitations.find(
      (invitation: { id: string }) => invitation.id === created.invitation.id,
    );
    expect(listed).toMatchObject({ status: "pending" });
  });

  test("an invitation cannot lower a role: an admin who follows a user invitation stays admin", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "user" } })).json();
    const { client, id } = await newUser("admin");
    const response = await client.api("/invite/accept", { body: { token: created.token } });
    expect(response.status).toBe(409);
    expect((await response.json()).code).toBe("ROLE_WOULD_BE_LOWERED");
    expect(await roleOf(admin, id)).toBe("admin");
  });

  test("no other endpoint takes a user, a role or an owner from its body or query", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", maxUses: 5 } })).json();
    const { client, id } = await newUser("user");
    const refusals: [string, object][] = [
      ["/invite/activate", { token: created.token, role: "admin" }],
      ["/invite/activate", { token: created.token, userId: id }],
      ["/invite/reject", { token: created.token, userId: id }],
      ["/invite/cancel", { id: created.invitation.id, createdByUserId: id }],
      ["/invite/resend", { id: created.invitation.id, email: "someone@example.com" }],
    ];
    for (const [path, body] of refusals) {
      const response = await client.api(path, { body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    // The list's filters narrow what one may see; none widens it to another creator's invitations.
    const list = await client.api(`/invite/list?createdByUserId=${encodeURIComponent(created.invitation.createdByUserId ?? "x")}&userId=x`);
    if (list.ok) expect((await list.json()).invitations).toEqual([]);
    else expect(list.status).toBeLessThan(500);
    expect(await roleOf(admin, id)).toBe("user");
  });

  test("a private invitation can be declined only by its invitee", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", email: uniqueEmail("decliner") } })).json();
    const { client } = await newUser("user");
    const api = await client.api("/invite/reject", { body: { token: created.token } });
    expect(api.status).toBe(403);
    expect((await api.json()).code).toBe("EMAIL_MISMATCH");
    const action = await client.action(`/invite/${created.token}`, "declineInviteAction", { token: created.token });
    expect(await action.text()).toContain("This invitation was sent to another email address.");
    const listed = (await (await admin.api("/invite/list")).json()).invitations.find(
      (invitation: { id: string }) => invitation.id === created.invitation.id,
    );
    expect(listed).toMatchObject({ status: "pending" });
  });

  test("the admin's forms accept only the roles, expiries and counts they offer", async ({ admin }) => {
    const before = await admin.invitationCount();
    const attempts: Record<string, string>[] = [
      { role: "superadmin" },
      { role: "user", expiresIn: "315360000" },
      { role: "user", maxUses: "100000000" },
      { role: "user", maxUses: "-1" },
      { role: "user", tokenType: "custom" },
    ];
    for (const fields of attempts) {
      const text = await (await admin.action("/dashboard/invites", "createInviteAction", { audience: "anyone", ...fields })).text();
      expect(text, JSON.stringify(fields)).toContain('"status":"error"');
    }
    const bulk = await (
      await admin.action("/dashboard/invites", "bulkInviteAction", { role: "superadmin", emails: "a@example.com" })
    ).text();
    expect(bulk).toContain("Choose a role.");
    expect(await admin.invitationCount()).toBe(before);
  });
});
