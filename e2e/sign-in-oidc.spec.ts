// Signing in through an OpenID Connect provider carries the invitation: a real provider (oidc-provider) on loopback,
// and an app server of the spec's own with OIDC_* set, on the project's database (PGlite, or PostgreSQL).
import { type APIRequestContext, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { createDatabase, postgresServerUrl, type TestDatabase } from "../tests/harness/database";
import { productionEnv, type RunningServer, startServer } from "../tests/harness/server";
import { type OidcProvider, startOidcProvider } from "./support/oidc-provider";
import { seededAdmin, snapshot, uniqueEmail } from "./support/fixtures";
import { ownServerPort } from "./support/ports";

// Its own app server and provider, on this project's own ports (support/ports.ts): set in beforeAll.
let appPort: number;
let appURL: string;
const PROVIDER = "Test SSO";

let provider: OidcProvider;
let database: TestDatabase;
let server: RunningServer;
let admin: APIRequestContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  appPort = ownServerPort(testInfo.project.name, "oidc-app");
  appURL = `http://localhost:${appPort}`;
  provider = await startOidcProvider({
    port: ownServerPort(testInfo.project.name, "oidc-provider"),
    name: PROVIDER,
    redirectUri: `${appURL}/api/auth/callback/oidc`,
  });
  database = await createDatabase("e2e_oidc", testInfo.project.name === "postgres" ? postgresServerUrl : undefined);
  server = await startServer({
    port: appPort,
    env: productionEnv({
      port: appPort,
      database: database.env,
      secret: "e2e-oidc-secret-e2e-oidc-secret-e2e-oidc",
      seedAdmin: seededAdmin,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_PROVIDER_NAME: PROVIDER,
      },
    }),
    nodeFlags: [],
  });
  admin = await playwrightRequest.newContext({ baseURL: appURL, extraHTTPHeaders: { origin: appURL } });
  expect((await admin.post("/api/auth/sign-in/email", { data: seededAdmin })).status()).toBe(200);
});

test.afterAll(async () => {
  await admin?.dispose();
  await server?.stop();
  await database?.drop();
  await provider?.stop();
});

/** A private invitation as the admin makes it, and the link its email carries. */
async function invite(email: string, role = "moderator"): Promise<{ token: string; link: string }> {
  const created = await admin.post("/api/auth/invite/create", { data: { role, email } });
  expect(created.status(), await created.text()).toBe(200);
  const { token } = await created.json();
  const { emails } = await (await admin.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
  const link = emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];
  return { token, link };
}

/** Someone the provider knows, with an address it did or did not verify. */
function atProvider(label: string, emailVerified = true, email = uniqueEmail(label).toLowerCase()): string {
  provider.accounts.set(email, { email, name: `Provider ${label}`, emailVerified });
  return email;
}

/** "Continue with Test SSO" on the page, then the provider's own sign-in page, as the person fills it in. */
async function continueWithProvider(page: Page, email: string) {
  await page.getByRole("button", { name: `Continue with ${PROVIDER}` }).click();
  await expect(page.getByRole("heading", { name: `Sign in to ${PROVIDER}` })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function accountsWithEmail(email: string): Promise<number> {
  const listed = await admin.get(`/api/auth/admin/list-users?searchField=email&searchValue=${encodeURIComponent(email)}`);
  expect(listed.status()).toBe(200);
  return (await listed.json()).total;
}

test("an invitee opens the emailed link, continues with the company's SSO, and lands on the welcome screen with the role", async ({
  page,
}, testInfo) => {
  const email = atProvider("sso-newcomer");
  const { link } = await invite(email);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
  await snapshot(page, testInfo, "invite-sign-in-with-sso");
  await continueWithProvider(page, email);

  await expect(page).toHaveURL(`${appURL}/dashboard/role-upgraded`);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  await page.goto(`${appURL}/dashboard`);
  await expect(page.getByTestId("role-badge")).toHaveText("Moderator");
});

test("a private invitation for another address is refused, back on the invitation's page, and no account is made", async ({ page }) => {
  const other = atProvider("sso-other");
  const { token, link } = await invite(uniqueEmail("sso-intended"));

  await page.goto(link);
  await continueWithProvider(page, other);

  await expect(page).toHaveURL(`${appURL}/invite/${token}?error=EMAIL_MISMATCH`);
  await expect(page.getByText("This invitation was sent to another email address. Use that address")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
  expect(await accountsWithEmail(other)).toBe(0);
});

test("an address the provider has not verified gets an account but not the invitation's role, and is asked to verify it", async ({
  page,
}) => {
  const email = atProvider("sso-unverified", false);
  const { token, link } = await invite(email);

  await page.goto(link);
  await continueWithProvider(page, email);

  await expect(page).toHaveURL(`${appURL}/invite/${token}?error=EMAIL_NOT_VERIFIED`);
  await expect(page.getByText("Verify your email address to accept this invitation.")).toBeVisible();
  await page.goto(`${appURL}/dashboard`);
  await expect(page.getByTestId("role-badge")).toHaveText("User");
});

test("an existing account signs in through the provider from the sign-in page and gets the invitation's role", async ({ page }) => {
  const email = atProvider("sso-member");
  const created = await admin.post("/api/auth/admin/create-user", {
    data: { email, password: "member-password", name: "Existing Member", role: "user", data: { emailVerified: true } },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { link } = await invite(email);

  await page.goto(link);
  // The invitation's own "Sign in" (the header has one too), to the sign-in page that leads back to it.
  await page.locator('a[href^="/sign-in?next="]').click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await continueWithProvider(page, email);

  await expect(page).toHaveURL(`${appURL}/dashboard/role-upgraded`);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  expect(await accountsWithEmail(email)).toBe(1);
});

test("without JavaScript, the button's form still goes to the provider (the policy's form-action allows it) and back with the role", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = atProvider("sso-no-script");
  const { link } = await invite(email);

  await page.goto(link);
  await continueWithProvider(page, email);

  await expect(page).toHaveURL(`${appURL}/dashboard/role-upgraded`);
  await expect(page.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
  await context.close();
});

test("the buttons show only where a provider is configured", async ({ page, baseURL }) => {
  const formAction = (policy: string | undefined) => policy?.split(";").find((directive) => directive.trim().startsWith("form-action"));
  const withProvider = await page.goto(`${appURL}/sign-up`);
  await expect(page.getByRole("button", { name: `Continue with ${PROVIDER}` })).toBeVisible();
  expect(formAction(withProvider?.headers()["content-security-policy"])?.trim()).toBe(`form-action 'self' ${provider.issuer}`);
  // The project's own server has no provider configured.
  const without = await page.goto(`${baseURL}/sign-in`);
  expect(formAction(without?.headers()["content-security-policy"])?.trim()).toBe("form-action 'self'");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Continue with/ })).toHaveCount(0);
});
