import { expect, test } from "@playwright/test";
import { signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("a new account's verification email lands in the outbox, and its link verifies the address", async ({ page, request }, testInfo) => {
  const email = uniqueEmail("verify");
  await signUp(page, { name: "Otto Outbox", email, password: "outbox-password" });
  await expect(page).toHaveURL(/\/dashboard$/);

  const response = await request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`);
  expect(response.status()).toBe(200);
  const { emails } = await response.json();
  expect(emails).toHaveLength(1);
  expect(emails[0]).toMatchObject({ to: email, subject: "Verify your email address" });
  expect(emails[0].text).toContain("/api/auth/verify-email?token=");

  await page.goto("/dev/outbox");
  await page.getByRole("link", { name: new RegExp(email) }).click();
  await expect(page.getByRole("heading", { name: "Verify your email address" })).toBeVisible();
  await snapshot(page, testInfo, "outbox");
  await page.getByTestId("outbox-link").first().click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
});
