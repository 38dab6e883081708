import { INVITATION_SEND_BUDGET as SEND } from "../../lib/invitations/limits";
import { Client } from "./support/client";
import { expect, test } from "./support/fixtures";

/**
 * 429 with Retry-After where guessing or flooding is possible: code look-ups
 * (API, emailed link, page), accepting, and creating (one per address of a bulk send). Pages and server actions
 * count against the same budget as the endpoint they stand for.
 */
async function expectLimited(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
}

function guess(index: number) {
  return `Q${String(index).padStart(2, "0")}-XYZ`;
}

test.describe("rate limits", () => {
  test("guessing codes through GET /invite/get stops at 10 a minute", async ({ client }) => {
    for (let index = 0; index < 10; index++) expect((await client.api(`/invite/get?token=${guess(index)}`)).status).toBe(404);
    await expectLimited(await client.api(`/invite/get?token=${guess(10)}`));
  });

  test("the emailed link tells a guesser nothing: it answers every token alike, and the page it leads to is limited", async ({
    client,
    admin,
  }) => {
    const real = await (await admin.api("/invite/create", { body: { role: "user", tokenType: "code" } })).json();
    const answer = async (token: string) => {
      const response = await client.api(`/invite/${token}`);
      return { status: response.status, location: response.headers.get("location")?.replace(token, "TOKEN"), body: await response.text() };
    };
    expect(await answer(real.token)).toEqual(await answer(guess(0)));
    for (let index = 0; index < 10; index++) await client.send(`/invite/${guess(index)}`);
    expect(await (await client.send(`/invite/${guess(10)}`)).text()).toContain("Too many attempts");
  });

  test("the accept page shares the look-up's budget, and says how long to wait", async ({ client }) => {
    for (let index = 0; index < 5; index++) expect((await client.api(`/invite/get?token=${guess(index)}`)).status).toBe(404);
    for (let index = 5; index < 10; index++) {
      expect(await (await client.send(`/invite/${guess(index)}`)).text()).toContain("Code not recognised");
    }
    const html = await (await client.send(`/invite/${guess(10)}`)).text();
    expect(html).toContain("Too many attempts");
    expect(html).toMatch(/Try again in \d+ seconds/);
    await expectLimited(await client.api(`/invite/get?token=${guess(11)}`));
  });

  test("accepting stops at 10 a minute, through the API and the form alike", async ({ newUser }) => {
    const { client } = await newUser("user");
    for (let index = 0; index < 5; index++)
      expect((await client.api("/invite/accept", { body: { token: guess(index) } })).status).toBe(404);
    for (let index = 5; index < 10; index++) {
      const response = await client.action(`/invite/${guess(index)}`, "acceptInviteAction", { token: guess(index) });
      expect(await response.text()).toContain("This invitation is not valid");
    }
    const form = await client.action(`/invite/${guess(10)}`, "acceptInviteAction", { token: guess(10) });
    expect(await form.text()).toMatch(/Too many attempts. Try again in \d+ seconds/);
    await expectLimited(await client.api("/invite/accept", { body: { token: guess(11) } }));
  });

  test(`creating invitations stops at ${SEND.max} a minute, through the API, the form and the bulk form alike`, async ({ admin }) => {
    // The bulk form spends one per address: 10 here, the API most of the rest, the single form the last 10.
    const bulk = Array.from({ length: 10 }, (_, index) => `budget-${index}-${crypto.randomUUID().slice(0, 8)}@example.com`);
    const sent = await admin.action("/dashboard/invites", "bulkInviteAction", { role: "user", emails: bulk.join("\n") });
    expect(await sent.text()).toContain("10 of 10 addresses invited");
    for (let index = 10; index < SEND.max - 10; index++)
      expect((await admin.api("/invite/create", { body: { role: "user" } })).status).toBe(200);
    for (let index = SEND.max - 10; index < SEND.max; index++) {
      const response = await admin.action("/dashboard/invites", "createInviteAction", { audience: "anyone", role: "user", maxUses: "1" });
      expect(await response.text()).toContain("Shareable link created");
    }
    const form = await admin.action("/dashboard/invites", "createInviteAction", { audience: "anyone", role: "user", maxUses: "1" });
    expect(await form.text()).toMatch(/Too many attempts. Try again in \d+ seconds/);
    await expectLimited(await admin.api("/invite/create", { body: { role: "user" } }));
    // Past the budget a bulk send is not refused whole: each address says so on its own line.
    const late = `late-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const refused = await (await admin.action("/dashboard/invites", "bulkInviteAction", { role: "user", emails: late })).text();
    expect(refused).toContain("0 of 1 address invited");
    expect(refused).toContain(JSON.stringify({ email: late, ok: false, message: "Too many attempts. Wait a minute, then try again." }));
  });

  test("another address keeps its own budget", async ({ client, server }) => {
    for (let index = 0; index < 11; index++) await client.api(`/invite/get?token=${guess(index)}`);
    expect((await new Client(server.url).api(`/invite/get?token=${guess(0)}`)).status).toBe(404);
  });
});
