import { expect, test } from "@playwright/test";
import { expectRole, seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("a visitor signs up through the form and the dashboard shows role user", async ({ page }, testInfo) => {
  const email = uniqueEmail("visitor");
  await page.goto("/");
  await snapshot(page, testInfo, "home");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await snapshot(page, testInfo, "sign-up");
  await signUp(page, { name: "Vera Visitor", email, password: "correct-horse-battery" });

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Hello, Vera Visitor" })).toBeVisible();
  await expect(page.getByTestId("user-email")).toHaveText(email);
  await expectRole(page, "User");
  await expect(page.getByText("Not verified")).toBeVisible();
  await snapshot(page, testInfo, "dashboard-user");
});

test("the seeded admin signs in and the dashboard shows role admin", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await snapshot(page, testInfo, "sign-in");
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectRole(page, "Admin");
  await expect(page.getByText("Invite people and grant them roles")).toBeVisible();
  await snapshot(page, testInfo, "dashboard-admin");
});

test("a wrong password is explained in words and the email stays filled in", async ({ page }, testInfo) => {
  await signIn(page, { email: seededAdmin.email, password: "not-the-password" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/don't match an account/);
  await expect(page.getByLabel("Email")).toHaveValue(seededAdmin.email);
  await snapshot(page, testInfo, "sign-in-error");
});

test("sign-up explains every invalid field at once", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText(/Enter a valid email address/)).toBeVisible();
  await expect(page.getByText("Use at least 8 characters for your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("signing up twice with one email says the account exists", async ({ page, browser }) => {
  const email = uniqueEmail("twice");
  await signUp(page, { name: "First", email, password: "first-password" });
  await expect(page).toHaveURL(/\/dashboard$/);
  const other = await browser.newPage();
  await signUp(other, { name: "Second", email: email.toUpperCase(), password: "second-password" });
  await expect(other.getByRole("main").getByRole("alert")).toHaveText(/already exists/);
  await other.close();
});

test("the dashboard sends a signed-out visitor to sign in, then back", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
  await page.getByLabel("Email").fill(seededAdmin.email);
  await page.getByLabel("Password").fill(seededAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a foreign redirect after sign-in is ignored", async ({ page }) => {
  await signIn(page, seededAdmin, "/sign-in?next=//evil.example/steal");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the demo accounts are not shown outside development", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Demo accounts")).toHaveCount(0);
});

test("the welcome page sends a signed-out visitor to sign in, then back", async ({ page }) => {
  await page.goto("/dashboard/role-upgraded");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard%2Frole-upgraded$/);
  await page.getByLabel("Email").fill(seededAdmin.email);
  await page.getByLabel("Password").fill(seededAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Admin!" })).toBeVisible();
});
