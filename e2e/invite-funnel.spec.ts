import { expect, type Page, test } from "@playwright/test";
import { seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

const STAGES = ["sent", "opened", "accepted", "expired", "revoked", "pending", "declined"] as const;
type Counts = Record<(typeof STAGES)[number], number>;

/** The numbers of the table behind the dashboard's chart: what a screen reader reads. */
async function funnelTable(page: Page): Promise<Counts> {
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Counts;
  if (await page.getByTestId("funnel-empty").isVisible()) return counts;
  for (const stage of STAGES) {
    const cell = page.getByTestId("funnel-table").locator(`tr[data-stage="${stage}"] td`).first();
    counts[stage] = Number(await cell.textContent());
  }
  return counts;
}

test("the dashboard draws the admin's funnel: an opened link, an acceptance and a revocation show in the table behind the chart, at 1280 and 390 px", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const before = await funnelTable(page);
  const headers = { origin: baseURL! };

  // Three invitations: one emailed to a new address, two shareable links.
  const openedAddress = uniqueEmail("funnel-opened");
  const emailed = await page.request.post("/api/auth/invite/create", { data: { role: "moderator", email: openedAddress }, headers });
  expect(emailed.status()).toBe(200);

  const invitee = await browser.newContext();
  const accepterAddress = uniqueEmail("funnel-accepter");
  const signedUp = await invitee.request.post("/api/auth/sign-up/email", {
    data: { name: "Funnel Accepter", email: accepterAddress, password: "funnel-accepter-password" },
    headers,
  });
  expect(signedUp.status()).toBe(200);
  // Shareable, so that a fresh account (not verified yet) may take it: a private one needs a verified address.
  const forAccepter = await page.request.post("/api/auth/invite/create", { data: { role: "moderator" }, headers });
  expect(forAccepter.status()).toBe(200);
  const shareable = await page.request.post("/api/auth/invite/create", { data: { role: "moderator" }, headers });
  expect(shareable.status()).toBe(200);

  // Opened: the emailed link, read from the outbox, followed by someone not signed in.
  const { emails } = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(openedAddress)}`)).json();
  const link = emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor).toHaveURL(/\/invite\//);

  // Accepted, without the link: the invitee accepts through the API.
  const { token } = await forAccepter.json();
  const accepted = await invitee.request.post("/api/auth/invite/accept", { data: { token }, headers });
  expect(accepted.status(), await accepted.text()).toBe(200);

  // Revoked.
  const { invitation } = await shareable.json();
  expect((await page.request.post("/api/auth/invite/cancel", { data: { id: invitation.id }, headers })).status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("invite-funnel")).toBeVisible();
  const after = await funnelTable(page);
  expect({
    sent: after.sent - before.sent,
    opened: after.opened - before.opened,
    accepted: after.accepted - before.accepted,
    revoked: after.revoked - before.revoked,
    pending: after.pending - before.pending,
  }).toEqual({ sent: 3, opened: 1, accepted: 1, revoked: 1, pending: 1 });
  await expect(page.getByTestId("funnel-rate")).toContainText(`${after.accepted} of ${after.sent} invitations sent were accepted`);
  await expect(page.getByTestId("funnel-table").locator("caption")).toHaveText(/Invitations created in the last 30 days/);
  await snapshot(page, testInfo, "funnel-1280");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("invite-funnel")).toBeVisible();
  await snapshot(page, testInfo, "funnel-390");

  // The open is on the Activity page too, said for what it is.
  await page.goto("/dashboard/activity");
  await expect(page.locator('[data-testid="invite-event"][data-type="opened"]').filter({ hasText: openedAddress }).first()).toContainText(
    "Someone followed the emailed link",
  );
});
