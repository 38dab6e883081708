import { expect, test } from "./support/fixtures";

// Cookies ride along on cross-site requests; the Origin check is what stops a foreign page from using them.
test.describe("cross-site request forgery", () => {
  const attempts = [
    { label: "a foreign Origin", origin: "https://evil.example" },
    { label: "a missing Origin", origin: false as const },
    { label: "a null Origin", origin: null },
  ];

  for (const { label, origin } of attempts) {
    test(`an API call with the admin's cookie and ${label} creates nothing`, async ({ admin }) => {
      const before = await admin.invitationCount();
      const response = await admin.api("/invite/create", { body: { role: "admin" }, origin });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: expect.stringMatching(/ORIGIN/) });
      const after = await admin.invitationCount();
      expect(after).toBe(before);
    });

    test(`a server action with the admin's cookie and ${label} creates nothing`, async ({ admin }) => {
      const before = await admin.invitationCount();
      const response = await admin.action(
        "/dashboard/invites",
        "createInviteAction",
        { audience: "anyone", role: "admin", maxUses: "5" },
        { origin },
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
      const after = await admin.invitationCount();
      expect(after).toBe(before);
    });
  }

  test("a no-JavaScript form post with a foreign Origin is refused too", async ({ admin }) => {
    const form = new FormData();
    form.set("role", "admin");
    const response = await admin.send("/dashboard/invites", { method: "POST", body: form, origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });

  test("the same server action with the server's own Origin does create (the attempts above are refused for their Origin alone)", async ({
    admin,
  }) => {
    const before = await admin.invitationCount();
    const response = await admin.action("/dashboard/invites", "createInviteAction", { audience: "anyone", role: "admin", maxUses: "5" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Shareable link created with Admin role");
    const after = await admin.invitationCount();
    expect(after).toBe(before + 1);
  });
});
