import { expect, test } from "@playwright/test";
import { expectRole, seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

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

test("without JavaScript an invitee signs up, opens the invitation, accepts, and lands on the welcome page", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator" } })).json();

  await signUp(page, { name: "Plain Html", email: uniqueEmail("plain"), password: "plain-html-password" });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/invite/${token}`);
  await snapshot(page, testInfo, "invite-accept-no-javascript");
  await page.getByRole("button", { name: "Accept as Moderator" }).click();
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
});

test("without JavaScript the admin sends an invitation, sends a bulk batch, and revokes one from the dashboard", async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");

  const email = uniqueEmail("nojs-invitee");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByText("Can manage content", { exact: true }).click();
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email} with Moderator role!`)).toBeVisible();

  const batch = [uniqueEmail("nojs-bulk-a"), uniqueEmail("nojs-bulk-b")];
  await page.getByText("Invite many people at once").click();
  await page.getByLabel("Email addresses").fill(batch.join("\n"));
  await page.getByRole("button", { name: "Send all invitations" }).click();
  await expect(page.getByText("2 of 2 addresses invited with User role.")).toBeVisible();

  const row = page.getByTestId("invite-row").filter({ hasText: email });
  await row.getByText("Revoke", { exact: true }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByText("Invitation revoked.")).toBeVisible();
  await page.goto("/dashboard/invites?status=canceled");
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toContainText("Revoked");
  await page.goto("/dashboard/invites?status=rejected");
  await expect(page.getByRole("heading", { name: "No declined invitations" })).toBeVisible();
});
