import { expect, test } from "./support/fixtures";

/**
 * CVE-2025-29927: a forged `x-middleware-subrequest` header made Next skip
 * middleware. Here proxy.ts guards nothing that matters on its own (pages and
 * actions check the session themselves), and the header must not even skip it.
 */
const forged = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware" };

test.describe("a forged x-middleware-subrequest header", () => {
  test("does not open the dashboard to a stranger", async ({ client }) => {
    const response = await client.send("/dashboard/invites", { headers: forged });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toMatch(/\/sign-in/);
  });

  test("does not skip the proxy: the page still gets its Content-Security-Policy", async ({ client }) => {
    const response = await client.send("/sign-in", { headers: forged });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("'nonce-");
  });

  test("does not let a cross-site server action through", async ({ admin }) => {
    const before = await admin.invitationCount();
    const response = await admin.action(
      "/dashboard/invites",
      "createInviteAction",
      { audience: "anyone", role: "admin" },
      { origin: "https://evil.example", headers: forged },
    );
    expect(response.status).toBe(403);
    expect(await admin.invitationCount()).toBe(before);
  });

  test("does not let a user call an admin's server action", async ({ newUser, admin }) => {
    const { client } = await newUser("user");
    const before = await admin.invitationCount();
    const response = await client.action(
      "/dashboard/invites",
      "createInviteAction",
      { audience: "anyone", role: "admin" },
      { headers: forged },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("You don't have permission to do that.");
    expect(await admin.invitationCount()).toBe(before);
  });
});
