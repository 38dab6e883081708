import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import type { TestUser } from "../support/users";
import { createInviteAs, startAppWithAdmin } from "../support/invites";

describe("getInviteRecipient (server only)", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);
  const recipientOf = async (token: string) => (await app.auth.api.getInviteRecipient({ query: { token } })).email;

  it("gives the address of a pending private invitation to the holder of its link token", async () => {
    const email = uniqueEmail("Recipient");
    const { token } = await invite({ role: "moderator", email });
    expect(await recipientOf(token)).toBe(email.toLowerCase());
  });

  it("gives no address for a short code, a shareable link, an unknown token, or an invitation that can no longer be used", async () => {
    const code = await invite({ role: "moderator", email: uniqueEmail("coded"), tokenType: "code" });
    const shareable = await invite({ role: "moderator" });
    const canceled = await invite({ role: "moderator", email: uniqueEmail("canceled") });
    await app.request("/invite/cancel", { body: { id: canceled.invitation.id }, jar: admin.jar });
    for (const token of [code.token, shareable.token, canceled.token, "no-such-token"]) {
      expect(await recipientOf(token)).toBeNull();
    }
  });

  it("is not reachable over HTTP: the path is just a link token that opens nothing", async () => {
    const email = uniqueEmail("http");
    const { token } = await invite({ role: "moderator", email });
    const response = await app.request(`/invite/recipient?token=${encodeURIComponent(token)}`, { method: "GET" });
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain(email.toLowerCase());
  });
});
