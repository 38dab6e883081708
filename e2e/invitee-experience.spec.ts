import { expect, type APIRequestContext, type Page, test } from "@playwright/test";
import { seededAdmin, signUp, snapshot, uniqueEmail } from "./support/fixtures";

// The invitee's side of issue 16: each story is a defect that a person met, and must not meet again.

const linkIn = (text: string) => text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)![0];

async function adminApi(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL?: string) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await api.post("/api/auth/sign-in/email", { data: seededAdmin })).status()).toBe(200);
  return api;
}

async function outbox(api: APIRequestContext, to: string): Promise<{ subject: string; text: string }[]> {
  return (await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`)).json()).emails;
}

/** The newest email to `to`. */
async function newest(api: APIRequestContext, to: string) {
  const [email] = await outbox(api, to);
  expect(email, `an email to ${to}`).toBeDefined();
  return email!;
}

/** The abilities a page lists under `label`, in order. */
async function abilitiesUnder(page: Page, label: string) {
  return page.getByRole("list", { name: label }).getByRole("listitem").allInnerTexts();
}

test("an old link after a resend says a newer email replaced it, names no address, and the newest link works", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await adminApi(playwright, baseURL);
  const email = uniqueEmail("replaced");
  const { invitation } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", email } })).json();
  const oldLink = linkIn((await newest(api, email)).text);
  expect((await api.post("/api/auth/invite/resend", { data: { id: invitation.id } })).status()).toBe(200);
  const newLink = linkIn((await newest(api, email)).text);
  expect(newLink).not.toBe(oldLink);

  await page.goto(oldLink);
  await expect(page.getByRole("heading", { name: "This link was replaced" })).toBeVisible();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText("A newer email replaced this link: use the latest invitation we sent you.");
  await expect(page.getByRole("main")).not.toContainText("copied");
  await expect(page.getByRole("main")).not.toContainText(email);
  await snapshot(page, testInfo, "invite-link-replaced");

  await page.goto(newLink);
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
});

test("a mistyped code is answered on the code field, announced and focused, and the right code then opens the invitation", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await adminApi(playwright, baseURL);
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", tokenType: "code" } })).json();

  await page.goto("/invite");
  const field = page.getByLabel("Invitation code");
  await field.fill("ZZZZZ-ZZZZZ");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This invitation is not valid.");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("ZZZZZ-ZZZZZ");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await snapshot(page, testInfo, "invite-code-wrong");

  // A wrong code in the address (a bookmarked or typed URL) gets the field too, not a dead end.
  await page.goto("/invite/ZZZZZ-ZZZZY");
  await expect(page.getByRole("heading", { name: "Code not recognised" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This invitation is not valid.");
  await expect(field).toBeFocused();
  await field.fill(token.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
});

test("a code entered before sign-up is accepted by the sign-up, with no second Accept, and the welcome greets the new account with the dashboard's abilities", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await adminApi(playwright, baseURL);
  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "moderator", tokenType: "code" } })).json();

  await page.goto("/invite");
  await page.getByLabel("Invitation code").fill(token);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=/);
  await page.getByLabel("Name").fill("Coda Newcomer");
  await page.getByLabel("Email").fill(uniqueEmail("code-sign-up"));
  await page.getByLabel("Password").fill("code-sign-up-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  await expect(page.getByTestId("welcome-greeting")).toHaveText("Welcome, Coda! Your account is ready, with the Moderator role.");
  const welcomed = await abilitiesUnder(page, "What you can do now");
  expect(welcomed.length).toBeGreaterThan(0);
  await snapshot(page, testInfo, "welcome-new-account-from-code");

  // One source for what a role may do: the dashboard lists exactly what the welcome promised.
  await page.goto("/dashboard");
  const card = page
    .locator("section, div")
    .filter({ has: page.getByRole("heading", { name: "What your role can do" }) })
    .last();
  expect(await card.getByRole("listitem").allInnerTexts()).toEqual(welcomed);
});

test("a private invitation's sign-up gets no verification email, and reopening the accepted invitation says when it was accepted", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await adminApi(playwright, baseURL);
  const email = uniqueEmail("reopens");
  expect((await api.post("/api/auth/invite/create", { data: { role: "moderator", email } })).status()).toBe(200);
  const link = linkIn((await newest(api, email)).text);

  await page.goto(link);
  await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("Rita Reopens");
  await page.getByLabel("Password").fill("reopens-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByTestId("welcome-greeting")).toHaveText("Welcome, Rita! Your account is ready, with the Moderator role.");
  // The emailed link proved the address: no "Verify your email address" contradicts the verified account.
  expect((await outbox(api, email)).map((sent) => sent.subject)).toEqual(["You're invited as moderator!"]);

  await page.goto(new URL(link).pathname.replace("/api/auth", ""));
  await expect(page.getByRole("heading", { name: "Invitation accepted" })).toBeVisible();
  const accepted = page.getByRole("main").getByRole("status").filter({ hasText: "You accepted this" });
  await expect(accepted).toContainText("it gave you the Moderator role");
  await expect(accepted.locator("time")).toHaveAttribute("title", /\d/);
  await expect(page.getByText("No uses left")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await snapshot(page, testInfo, "invite-reopened-after-accepting");
});

test("an invitation to an existing account offers Sign in first, as its email did; a shareable one still offers Create an account first", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const user = { name: "Sid Existing", email: uniqueEmail("existing"), password: "existing-password" };
  const first = await (await browser.newContext()).newPage();
  await signUp(first, user);
  await expect(first).toHaveURL(/\/dashboard$/);
  const api = await adminApi(playwright, baseURL);
  // An existing account has verified its address: a private invitation is only accepted by a verified one.
  const verification = await newest(api, user.email);
  expect(verification.subject).toBe("Verify your email address");
  await first.goto(verification.text.match(/https?:\/\/\S+\/api\/auth\/verify-email\?token=\S+/)![0]);
  await expect(first).toHaveURL(/\/dashboard$/);
  await first.context().close();
  expect((await api.post("/api/auth/invite/create", { data: { role: "moderator", email: user.email } })).status()).toBe(200);
  const upgrade = (await outbox(api, user.email)).find((sent) => sent.subject.includes("invited you to become"))!;

  await page.goto(linkIn(upgrade.text));
  const main = page.getByRole("main");
  await expect(main.getByText("Sign in to accept it.")).toBeVisible();
  const actions = main.getByRole("link", { name: /^(Sign in|Create an account)$/ });
  await expect(actions).toHaveText(["Sign in", "Create an account"]);
  // The expiry reads as a relative time, with the exact time on hover.
  await expect(main.locator("time").first()).toHaveAttribute("title", /\d/);
  await expect(main).toContainText(/expires in \d+ days?/);
  await snapshot(page, testInfo, "invite-existing-account-signed-out");

  await actions.first().click();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/role-upgraded$/);
  await expect(page.getByTestId("welcome-greeting")).toHaveText("Sid, your account now has the Moderator role.");

  const { token } = await (await api.post("/api/auth/invite/create", { data: { role: "user" } })).json();
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`/invite/${token}`);
  await expect(stranger.getByRole("main").getByRole("link", { name: /^(Sign in|Create an account)$/ })).toHaveText([
    "Create an account",
    "Sign in",
  ]);
});

test("the sign-up form keeps the typed name and email after an error", async ({ page }) => {
  const taken = { name: "Tara Taken", email: uniqueEmail("taken"), password: "taken-password" };
  const first = await (await page.context().browser()!.newContext()).newPage();
  await signUp(first, taken);
  await expect(first).toHaveURL(/\/dashboard$/);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Tara Again");
  await page.getByLabel("Email").fill(taken.email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Tara Again");
  await expect(page.getByLabel("Email")).toHaveValue(taken.email);
});
