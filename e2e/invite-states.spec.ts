import { expect, test } from "@playwright/test";
import { seededAdmin, signUp, snapshot, uniqueEmail } from "./support/fixtures";

const expiredMessage = "This invitation has expired. Ask the person who invited you for a new one.";
const revokedMessage = "This invitation can no longer be used: it was revoked, or declined.";

test("expired, revoked and wrong-account invitations each have their own page", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const visitor = await (await browser.newContext()).newPage();
  const signedInAs = uniqueEmail("states");
  await signUp(page, { name: "Stella States", email: signedInAs, password: "states-password" });
  await expect(page).toHaveURL(/\/dashboard$/);

  const expired = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", expiresIn: 1 } })).json();
  await expect
    .poll(async () => (await (await api.get(`/api/auth/invite/get?token=${encodeURIComponent(expired.token)}`)).json()).invitation.status)
    .toBe("expired");
  await page.goto(`/invite/${expired.token}`);
  await expect(page.getByRole("heading", { name: "Invitation expired" })).toBeVisible();
  await expect(page.getByText("It was an invitation to the Moderator role.")).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(expiredMessage);
  await expect(page.getByRole("button", { name: "Accept as Moderator" })).toHaveCount(0);
  await snapshot(page, testInfo, "invite-expired");
  await visitor.goto(`/invite/${expired.token}`);
  await expect(visitor.getByRole("main").getByRole("alert")).toHaveText(expiredMessage);
  await expect(visitor.getByRole("link", { name: "Create an account" })).toHaveCount(0);

  const revoked = await (await api.post("/api/auth/invite/create", { data: { role: "moderator" } })).json();
  expect((await api.post("/api/auth/invite/cancel", { data: { id: revoked.invitation.id } })).status()).toBe(200);
  await page.goto(`/invite/${revoked.token}`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(revokedMessage);
  await expect(page.getByRole("button", { name: "Accept as Moderator" })).toHaveCount(0);
  await snapshot(page, testInfo, "invite-revoked");
  await visitor.goto(`/invite/${revoked.token}`);
  await expect(visitor.getByRole("main").getByRole("alert")).toHaveText(revokedMessage);
  await expect(visitor.getByRole("link", { name: "Create an account" })).toHaveCount(0);

  const intended = uniqueEmail("intended");
  const wrongAccount = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", email: intended } })).json();
  await page.goto(`/invite/${wrongAccount.token}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This invitation was sent to another email address");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(signedInAs);
  await expect(page.getByRole("main").getByRole("alert")).not.toContainText(intended);
  await expect(page.getByRole("button", { name: "Accept as Moderator" })).toHaveCount(0);
  await snapshot(page, testInfo, "invite-wrong-account");
  await page.getByRole("button", { name: "Switch account" }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/invite/${wrongAccount.token}`)}$`));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
});
