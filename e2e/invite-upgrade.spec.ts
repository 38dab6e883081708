import { expect, test } from "@playwright/test";
import { expectRole, seededAdmin, signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("an existing user invited as admin gets the upgrade email, signs in through its link, and reads Welcome, Admin!", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const user = { name: "Uma Upgrade", email: uniqueEmail("upgrade"), password: "upgrade-password" };
  const firstVisit = await browser.newContext();
  const signUpPage = await firstVisit.newPage();
  await signUp(signUpPage, user);
  await expect(signUpPage).toHaveURL(/\/dashboard$/);
  await expectRole(signUpPage, "User");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  // The admin reads the outbox: in production, nobody else may.
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  // An existing account has verified its address: a private invitation is only accepted by a verified one.
  const verification = (await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(user.email)}`)).json()).emails[0];
  expect(verification.subject).toBe("Verify your email address");
  await signUpPage.goto(verification.text.match(/https?:\/\/\S+\/api\/auth\/verify-email\?token=\S+/)[0]);
  await expect(signUpPage).toHaveURL(/\/dashboard$/);
  await expect(signUpPage.getByText("Verified", { exact: true })).toBeVisible();
  await firstVisit.close();

  expect((await api.post("/api/auth/invite/create", { data: { role: "admin", email: user.email } })).status()).toBe(200);
  const { emails } = await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(user.email)}`)).json();
  expect(emails[0].subject).toBe("Ada Admin invited you to become an admin on Invite Kit");
  expect(emails[0].text).toContain("Activate your new role");
  expect(emails[0].html).toContain("Activate your new role");
  const link = emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];

  await page.goto(link);
  await expect(page).toHaveURL(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { name: "You're invited as Admin" })).toBeVisible();
  await snapshot(page, testInfo, "upgrade-email-invite");
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Signing in accepts the invitation the emailed link kept in a cookie: no Accept button in between.
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "Welcome, Admin!" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What you can do now" })).toContainText("Invite people and grant them roles");
  await expectRole(page, "Admin");
  await snapshot(page, testInfo, "welcome-admin");
});

test("an existing user who never verified their address is asked to, and accepts once the verification link brings them back", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const user = { name: "Val Unverified", email: uniqueEmail("unverified"), password: "unverified-password" };
  await signUp(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", email: user.email } })).json();

  await page.goto(`/invite/${token}`);
  await expect(page.getByText("Verify your email address to accept this invitation.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept as Moderator" })).toHaveCount(0);
  await snapshot(page, testInfo, "invite-verify-first");
  await page.getByRole("button", { name: "Send a new verification link" }).click();
  await expect(page.getByText(`We sent a new link to ${user.email}.`)).toBeVisible();

  const { emails } = await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(user.email)}`)).json();
  expect(emails[0].subject).toBe("Verify your email address");
  await page.goto(emails[0].text.match(/https?:\/\/\S+\/api\/auth\/verify-email\?token=\S+/)[0]);
  await expect(page).toHaveURL(new RegExp(`/invite/${token}$`));
  await page.getByRole("button", { name: "Accept as Moderator" }).click();
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
});
