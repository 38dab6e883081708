import { Client, statusAndCode } from "./support/client";
import { expect, test } from "./support/fixtures";

/**
 * The outbox holds every email the app sent, verification and invitation links included: whoever reads
 * one can verify that address, then take a private invitation meant for it. The suite's server runs
 * with EMAIL_TRANSPORT=outbox and NODE_ENV=production, where only an admin may read it.
 */
test.describe("the outbox in production", () => {
  test("a stranger gets 401 with a code from the JSON outbox, and no email in it", async ({ client, newUser }) => {
    // A fresh account: its verification email, with the link that verifies it, is now in the outbox.
    const { email } = await newUser("user");
    for (const path of ["/api/dev/outbox", `/api/dev/outbox?to=${encodeURIComponent(email)}`]) {
      const response = await client.send(path);
      const text = await response.clone().text();
      expect(await statusAndCode(response), path).toEqual({ status: 401, code: "UNAUTHORIZED" });
      expect(text, path).not.toContain(email);
      expect(text, path).not.toContain("verify-email");
    }
  });

  test("a signed-in user who is not an admin gets 403 with a code, and no email in it", async ({ newUser }) => {
    const { email } = await newUser("user");
    for (const role of ["user", "moderator"] as const) {
      const { client, email: own } = await newUser(role);
      // Not even the user's own mail: the outbox is the whole app's mail, not an inbox.
      for (const to of [email, own]) {
        const response = await client.send(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
        const text = await response.clone().text();
        expect(await statusAndCode(response), role).toEqual({ status: 403, code: "FORBIDDEN" });
        expect(text, role).not.toContain(to);
      }
    }
  });

  test("the outbox page sends a stranger to sign in, and shows no email", async ({ client, newUser }) => {
    const { email } = await newUser("user");
    const response = await client.send("/dev/outbox");
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    const target = new URL(response.headers.get("location")!, client.baseURL);
    expect(target.pathname).toBe("/sign-in");
    expect(target.searchParams.get("next")).toBe("/dev/outbox");
    expect(await response.text()).not.toContain(email);
  });

  test("the outbox page tells a signed-in non-admin to sign in as an admin, and shows no email", async ({ admin, newUser }) => {
    const { email } = await newUser("user");
    const { id } = (await (await admin.send(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()).emails[0];
    const { client } = await newUser("moderator");
    for (const path of ["/dev/outbox", `/dev/outbox?id=${id}`]) {
      const response = await client.send(path);
      const html = await response.text();
      expect(response.status, path).toBeLessThan(500);
      expect(html, path).toContain("Sign in as an admin");
      expect(html, path).not.toContain(email);
      expect(html, path).not.toContain("verify-email");
    }
  });

  test("the admin reads every email, as JSON and on the page", async ({ admin, newUser, server }) => {
    const { email } = await newUser("user");
    const response = await admin.send(`/api/dev/outbox?to=${encodeURIComponent(email)}`);
    expect(response.status).toBe(200);
    const { emails } = (await response.json()) as { emails: { id: string; to: string; text: string }[] };
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toBe(email);
    expect(emails[0]!.text).toContain(`${server.url}/api/auth/verify-email?token=`);

    const page = await admin.send(`/dev/outbox?id=${emails[0]!.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(email);
    expect(html).toContain("/api/auth/verify-email?token=");
  });

  test("a session cookie that is not a session reads nothing", async ({ server }) => {
    const forged = new Client(server.url);
    const response = await forged.send("/api/dev/outbox", { headers: { cookie: "better-auth.session_token=forged.value" } });
    expect((await statusAndCode(response)).status).toBe(401);
  });
});
