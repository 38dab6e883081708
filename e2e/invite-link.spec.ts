import { expect, request as playwrightRequest, test } from "@playwright/test";
import { seededAdmin, snapshot, uniqueEmail } from "./support/fixtures";

test("an invitee follows the emailed link, creates an account, and holds the invited role", async ({ page, baseURL }, testInfo) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const email = uniqueEmail("linked");
  expect((await api.post("/api/auth/invite/create", { data: { role: "moderator", email } })).status()).toBe(200);
  const { emails } = await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
  const link = emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];

  const response = await page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("same-origin");
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
  await snapshot(page, testInfo, "invite-signed-out");
  await page.getByRole("link", { name: "Create an account" }).click();
  // The invitation's address is filled in and fixed, in the page and on the server.
  const emailField = page.getByLabel("Email");
  await expect(emailField).toHaveValue(email.toLowerCase());
  await expect(emailField).toHaveAttribute("readonly", "");
  await snapshot(page, testInfo, "sign-up-for-invitation");
  await emailField.evaluate((input) => input.removeAttribute("readonly"));
  await emailField.fill(uniqueEmail("someone-else"));
  await page.getByLabel("Name").fill("Linked Person");
  await page.getByLabel("Password").fill("linked-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`This invitation was sent to ${email.toLowerCase()}. Use that address.`)).toBeVisible();

  await expect(emailField).toHaveValue(email.toLowerCase());
  await page.getByLabel("Password").fill("linked-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What you can do now" })).toContainText("Read and edit any post");
  await snapshot(page, testInfo, "role-upgraded");
});

test("a signed-in user accepts a shareable link on the invite page", async ({ page, baseURL }, testInfo) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator" } })).json();

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Sharer");
  await page.getByLabel("Email").fill(uniqueEmail("sharer"));
  await page.getByLabel("Password").fill("sharer-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto(`/invite/${token}`);
  await snapshot(page, testInfo, "invite-signed-in");
  await page.getByRole("button", { name: "Accept as Moderator" }).click();
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByTestId("role-badge")).toHaveText("Moderator");

  // Reopened by the one who accepted it: no error, but when they accepted it (issue 16, defect 8).
  await page.goto(`/invite/${token}`);
  await expect(page.getByRole("heading", { name: "Invitation accepted" })).toBeVisible();
  await expect(page.getByText(/No uses are left/)).toHaveCount(0);
});

test("a private invite opened while signed in as someone else says so, and offers to switch account", async ({
  page,
  baseURL,
}, testInfo) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const intended = uniqueEmail("intended");
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", email: intended } })).json();

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Wrong Person");
  await page.getByLabel("Email").fill(uniqueEmail("wrong"));
  await page.getByLabel("Password").fill("wrong-person-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto(`/invite/${token}`);
  await expect(page.getByText(/sent to another email address/)).toBeVisible();
  await snapshot(page, testInfo, "invite-wrong-account");
  await page.getByRole("button", { name: "Switch account" }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/invite/${token}`)}$`));
});

test("expired and revoked invitations each have their own page", async ({ page, baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const revoked = await (await api.post("/api/auth/invite/create", { data: { role: "user" } })).json();
  await api.post("/api/auth/invite/cancel", { data: { id: revoked.invitation.id } });
  await page.goto(`/invite/${revoked.token}`);
  await expect(page.getByText(/can no longer be used: it was revoked/)).toBeVisible();

  for (const token of ["this-token-does-not-exist", "x".repeat(600)]) {
    await page.goto(`/invite/${token}`);
    await expect(page.getByRole("heading", { name: "Invitation not found" })).toBeVisible();
    await expect(page.getByText(/not valid/)).toBeVisible();
  }
});
