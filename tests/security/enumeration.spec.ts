import { Client, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";

/** Codes are short enough to guess: what a guesser sees must not tell a spent code from one never issued. */
test.describe("enumeration", () => {
  async function spentCodes(admin: Client) {
    const create = async (body: object) =>
      (await (await admin.api("/invite/create", { body: { role: "user", tokenType: "code", ...body } })).json()) as {
        token: string;
        invitation: { id: string };
      };
    const expired = await create({ expiresIn: 1 });
    const canceled = await create({});
    expect((await admin.api("/invite/cancel", { body: { id: canceled.invitation.id } })).status).toBe(200);
    const usedUp = await create({ maxUses: 1 });
    const taker = new Client(admin.baseURL);
    await taker.signUp({ name: "Taker", email: uniqueEmail("taker"), password: "a-long-enough-password" });
    expect((await taker.api("/invite/accept", { body: { token: usedUp.token } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { expired: expired.token, canceled: canceled.token, usedUp: usedUp.token };
  }

  test("an expired, revoked or used-up code answers exactly like a code never issued", async ({ admin, server }) => {
    const codes = await spentCodes(admin);
    const unknown = "ZZZ-ZZ9";
    const answer = async (token: string) => {
      const stranger = new Client(server.url);
      const response = await stranger.api(`/invite/get?token=${encodeURIComponent(token)}`);
      return { status: response.status, body: await response.text() };
    };
    const expected = await answer(unknown);
    expect(expected.status).toBe(404);
    for (const [state, token] of Object.entries(codes)) expect(await answer(token), state).toEqual(expected);

    const page = async (token: string) => {
      const html = await (await new Client(server.url).send(`/invite/${token}`)).text();
      return [/<h1[^>]*>(.*?)<\/h1>/.exec(html)?.[1], /role="alert"[^>]*>(.*?)<\//.exec(html)?.[1]];
    };
    const expectedPage = await page(unknown);
    expect(expectedPage[0]).toBe("Code not recognised");
    for (const [state, token] of Object.entries(codes)) expect(await page(token), state).toEqual(expectedPage);
  });

  test("accepting a spent code answers like accepting an unknown one", async ({ admin, newUser }) => {
    const codes = await spentCodes(admin);
    const { client } = await newUser("user");
    const accept = async (token: string) => {
      const response = await client.api("/invite/accept", { body: { token } });
      return { status: response.status, code: (await response.json()).code };
    };
    const expected = await accept("ZZZ-ZZ8");
    expect(expected).toEqual({ status: 404, code: "INVALID_TOKEN" });
    for (const [state, token] of Object.entries(codes)) expect(await accept(token), state).toEqual(expected);
  });

  test("a private invitation's address is never shown to a stranger, signed out or signed in", async ({ admin, newUser, server }) => {
    const email = uniqueEmail("secret");
    const created = await (await admin.api("/invite/create", { body: { role: "moderator", email } })).json();
    const signedIn = (await newUser("user")).client;
    for (const stranger of [new Client(server.url), signedIn]) {
      const lookup = await (await stranger.api(`/invite/get?token=${encodeURIComponent(created.token)}`)).json();
      expect(lookup.invitation.email).toBeNull();
      expect(JSON.stringify(lookup)).not.toContain(email);
      const html = await (await stranger.send(`/invite/${created.token}`)).text();
      expect(html).not.toContain(email);
    }
  });

  test("the recipient look-up the sign-up form uses is not reachable over HTTP", async ({ admin, client }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "user", email: uniqueEmail("hidden") } })).json();
    // Server-only: over HTTP the path is just the emailed-link route, which redirects and reveals nothing.
    const response = await client.api(`/invite/recipient?token=${encodeURIComponent(created.token)}`);
    expect(response.status).toBe(302);
    expect(await response.text()).not.toContain("@example.com");
  });

  test("sign-in answers an unknown address and a wrong password alike", async ({ newUser, server }) => {
    const { email } = await newUser("user");
    const attempt = async (address: string) => {
      const response = await new Client(server.url).api("/sign-in/email", { body: { email: address, password: "wrong-password-here" } });
      return { status: response.status, body: await response.json() };
    };
    expect(await attempt(uniqueEmail("nobody"))).toEqual(await attempt(email));
  });
});
