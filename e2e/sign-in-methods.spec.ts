import { expect, type APIRequestContext, request as playwrightRequest, test } from "@playwright/test";
import { expectRole, seededAdmin, signUp, snapshot, uniqueEmail } from "./support/fixtures";
import { totpCode } from "../tests/harness/totp";

// Each story signs up or in twice over, through emails or a second factor: more steps than the 30 s default allows
// on a shared two-core machine.
test.describe.configure({ timeout: 90_000 });

type OutboxEmail = { subject: string; text: string };

async function adminApi(baseURL: string | undefined): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await api.post("/api/auth/sign-in/email", { data: seededAdmin })).status()).toBe(200);
  return api;
}

/** The newest email to `email` with this subject, read from the outbox as an admin. */
async function newestEmail(api: APIRequestContext, email: string, subject: string): Promise<OutboxEmail> {
  const { emails } = (await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as { emails: OutboxEmail[] };
  const found = emails.find((candidate) => candidate.subject === subject);
  expect(found, `an email "${subject}" to ${email}`).toBeDefined();
  return found!;
}

const inviteLinkIn = (text: string) => text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)![0];
const magicLinkIn = (text: string) => text.match(/https?:\/\/\S+\/api\/auth\/magic-link\/verify\?\S+/)![0];

test("an invitee with no account asks for a sign-up link from the invitation, opens it from the outbox, and holds the role", async ({
  page,
  baseURL,
}, testInfo) => {
  const api = await adminApi(baseURL);
  const email = uniqueEmail("magic-newcomer");
  expect((await api.post("/api/auth/invite/create", { data: { role: "moderator", email } })).status()).toBe(200);
  await page.goto(inviteLinkIn((await newestEmail(api, email, "You're invited as moderator!")).text));

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(email.toLowerCase());
  await page.getByLabel("Name").fill("Maggie Link");
  await page.getByRole("button", { name: "Email me a sign-up link" }).click();
  await expect(page.getByText(`We sent a sign-in link to ${email.toLowerCase()}.`)).toBeVisible();
  await snapshot(page, testInfo, "magic-link-sent");

  const sent = await newestEmail(api, email, "Your sign-in link for Invite Kit");
  await page.goto(magicLinkIn(sent.text));
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  await expectRole(page, "Moderator");
  await page.goto("/dashboard");
  await expect(page.getByTestId("user-name")).toHaveText("Maggie Link");
});

test("an existing account signs in by a link from its invitation's page and gets the upgrade", async ({ page, browser, baseURL }) => {
  const user = { name: "Lynn Existing", email: uniqueEmail("magic-existing"), password: "existing-password" };
  const elsewhere = await browser.newContext();
  await signUp(await elsewhere.newPage(), user);
  await elsewhere.close();

  const api = await adminApi(baseURL);
  expect((await api.post("/api/auth/invite/create", { data: { role: "moderator", email: user.email } })).status()).toBe(200);
  await page.goto(inviteLinkIn((await newestEmail(api, user.email, "Ada Admin invited you to become a moderator on Invite Kit")).text));
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(`We sent a sign-in link to ${user.email}.`)).toBeVisible();

  await page.goto(magicLinkIn((await newestEmail(api, user.email, "Your sign-in link for Invite Kit")).text));
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expectRole(page, "Moderator");
});

test("a sign-in link used twice says so on the sign-in page, and only that", async ({ page, baseURL }) => {
  const api = await adminApi(baseURL);
  const email = uniqueEmail("magic-twice");
  // From an invitation's page, as the invitee would: the failed link leads back to it, and its code is not the
  // invitation's (an invalid link is not an invalid invitation).
  const created = await api.post("/api/auth/invite/create", { data: { role: "moderator", maxUses: 5 } });
  expect(created.status(), await created.text()).toBe(200);
  const { token } = await created.json();
  await page.goto(`/api/auth/invite/${token}`);
  await page.goto(`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(`We sent a sign-in link to ${email}.`)).toBeVisible();
  const link = magicLinkIn((await newestEmail(api, email, "Your sign-in link for Invite Kit")).text);
  await page.goto(link);
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("This sign-in link has expired or was used already.")).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(1);
});

test("with two-factor on, the invitation waits through the password and is accepted once the code is in", async ({
  page,
  baseURL,
}, testInfo) => {
  const user = { name: "Tess Totp", email: uniqueEmail("totp"), password: "totp-password-1" };
  await signUp(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Security settings" }).click();
  await expect(page.getByTestId("two-factor-status")).toHaveText("Off");
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const totpURI = await page.getByTestId("totp-uri").innerText();
  expect(totpURI).toMatch(/^otpauth:\/\/totp\/Invite%20Kit:/);
  await expect(page.getByRole("list", { name: "Backup codes" }).getByRole("listitem")).toHaveCount(10);
  await snapshot(page, testInfo, "two-factor-setup");
  await page.getByLabel("6-digit code").fill(totpCode(totpURI));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByText("Two-factor authentication is on")).toBeVisible();
  await expect(page.getByTestId("two-factor-status")).toHaveText("On");
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();

  const api = await adminApi(baseURL);
  const { url, invitation } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator" } })).json();
  const useCount = async () => {
    const { invitations } = await (await api.get("/api/auth/invite/list?limit=100")).json();
    return invitations.find((candidate: { id: string }) => candidate.id === invitation.id).useCount;
  };
  await page.goto(url);
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  // The password was right; the second factor is still to come, and the invitation waits for it.
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await snapshot(page, testInfo, "two-factor-code");
  expect(await useCount()).toBe(0);
  await page.getByLabel("Authentication code").fill(String((Number(totpCode(totpURI)) + 500_000) % 1_000_000).padStart(6, "0"));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText("That code is not the one your authenticator app shows.")).toBeVisible();
  expect(await useCount()).toBe(0);

  await page.getByLabel("Authentication code").fill(totpCode(totpURI));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  expect(await useCount()).toBe(1);
});
