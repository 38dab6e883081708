// The README's first command as a developer meets it: `next dev` on the embedded defaults, with the demo accounts.
// Only there does React compare each attribute of the server's HTML with the browser's first render and report a
// difference, as a console error and Next's red "1 Issue" badge (issue 16, defect 17: the invite form's email field);
// the production build the other stories run says nothing of it.
import path from "node:path";
import { type ConsoleMessage, expect, type Page, test } from "@playwright/test";
import { startServer, stopAllServers } from "../tests/harness/server";
import { devServerPort } from "./support/ports";

const port = devServerPort;
const origin = `http://localhost:${port}`;
const demoAdmin = { email: "admin@example.com", password: "demo-password" };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", PGLITE_DIR: "memory://" };
  // As a person starts it: what the suite's shell set for its own servers is not the README's first command.
  for (const name of ["NODE_ENV", "DATABASE_URL", "REDIS_URL", "RESEND_API_KEY", "BETTER_AUTH_URL", "BETTER_AUTH_SECRET"]) delete env[name];
  await startServer({
    port,
    env,
    args: [path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next"), "dev", "-p", String(port)],
    nodeFlags: [],
    processGroup: true,
    startTimeout: 180_000,
  });
});

// Every server this worker started, the one a timed-out start left running included.
test.afterAll(stopAllServers);

/** Opens a page as the README's reader would and returns what React and Next said about it. */
async function problemsOf(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  const listen = (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(message.text().slice(0, 400));
  };
  const uncaught = (error: Error) => errors.push(error.message.slice(0, 400));
  page.on("console", listen);
  page.on("pageerror", uncaught);
  // Compiling a page the first time takes seconds on a 2-core machine; hydration is over once the network is quiet.
  await page.goto(url, { timeout: 120_000 });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  // Next's dev tools draw their issue count in an open shadow root, which CSS locators pierce.
  const badge = page.locator("nextjs-portal [data-issues-count]");
  if (await badge.count()) errors.push(`Next's dev tools show ${await badge.first().textContent()} issue(s)`);
  page.off("console", listen);
  page.off("pageerror", uncaught);
  return errors;
}

test("in development, no page the admin or an invitee opens has a hydration mismatch or any other error", async ({ browser }) => {
  test.setTimeout(600_000);
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const url of ["/", "/sign-in", "/sign-up"]) expect(await problemsOf(page, origin + url), `${url} at ${width} px`).toEqual([]);

    // Signed in through the API, so that no click races the page's first compile.
    const signedIn = await page.request.post(`${origin}/api/auth/sign-in/email`, { data: demoAdmin, headers: { origin } });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    for (const url of ["/dashboard", "/dashboard/invites", "/dashboard/users", "/dashboard/activity", "/dev/outbox"])
      expect(await problemsOf(page, origin + url), `${url} at ${width} px`).toEqual([]);

    // The invite form itself, used once: the email field and the role cards as they are after a send.
    expect(await problemsOf(page, `${origin}/dashboard/invites`)).toEqual([]);
    await page.getByLabel("Email", { exact: true }).fill(`dev-${width}@example.com`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible({ timeout: 60_000 });
    const created = await page.request.post(`${origin}/api/auth/invite/create`, { data: { role: "moderator" }, headers: { origin } });
    expect(created.status(), await created.text()).toBe(200);
    const { token } = (await created.json()) as { token: string };

    // The invitee, signed out, opens the shareable link.
    const invitee = await browser.newPage({ viewport: { width, height: 900 } });
    expect(await problemsOf(invitee, `${origin}/invite/${token}`), `/invite/[token] at ${width} px`).toEqual([]);
    await invitee.close();
    await context.close();
  }
});
