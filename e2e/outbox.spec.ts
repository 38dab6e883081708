import { expect, test } from "@playwright/test";
import { seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

// The stories run the production build, where only an admin reads the outbox (in development anyone can).
test("a new account's verification email lands in the outbox, which the admin reads, and its link verifies the address", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const email = uniqueEmail("verify");
  await signUp(page, { name: "Otto Outbox", email, password: "outbox-password" });
  await expect(page).toHaveURL(/\/dashboard$/);

  // Not to the account itself, nor to anyone signed out.
  expect((await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).status()).toBe(403);
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).status()).toBe(401);
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { name: "Sign in as an admin" })).toBeVisible();

  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, seededAdmin);
  await expect(adminPage).toHaveURL(/\/dashboard$/);
  const response = await adminPage.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`);
  expect(response.status()).toBe(200);
  const { emails } = await response.json();
  expect(emails).toHaveLength(1);
  expect(emails[0]).toMatchObject({ to: email, subject: "Verify your email address" });
  expect(emails[0].text).toContain("/api/auth/verify-email?token=");

  await adminPage.goto("/dev/outbox");
  await adminPage.getByRole("link", { name: new RegExp(email) }).click();
  await expect(adminPage.getByRole("heading", { name: "Verify your email address" })).toBeVisible();
  await snapshot(adminPage, testInfo, "outbox");
  const link = await adminPage.getByTestId("outbox-link").first().getAttribute("href");

  await page.goto(link!);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
});
