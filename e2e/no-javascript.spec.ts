import { expect, test } from "@playwright/test";
import { expectRole, seededAdmin, signIn, signUp, uniqueEmail } from "./support/fixtures";

test.use({ javaScriptEnabled: false });

test("without JavaScript a visitor signs up and lands on the dashboard", async ({ page }) => {
  const email = uniqueEmail("nojs");
  await signUp(page, { name: "Nora NoScript", email, password: "plain-html-forms" });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectRole(page, "User");
});

test("without JavaScript the admin signs in, sees errors in words, and signs out", async ({ page }) => {
  await signIn(page, { email: seededAdmin.email, password: "wrong-password" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/don't match an account/);
  await page.getByLabel("Password").fill(seededAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectRole(page, "Admin");
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
});
