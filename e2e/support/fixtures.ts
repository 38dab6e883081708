import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

export { uniqueEmail } from "../../tests/harness/unique-email";

export const seededAdmin = { email: "admin@example.com", password: "e2e-admin-password" };

export async function signUp(page: Page, user: { name: string; email: string; password: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, user: { email: string; password: string }, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A screenshot for a human to look at, and the checks every page shot must pass: nothing scrolls sideways, and axe
 * finds no serious or critical accessibility violation (WCAG 2.1 A and AA) in the page as it stands.
 */
export async function snapshot(page: Page, testInfo: TestInfo, name: string) {
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways, `${name}: the page is ${sideways} px wider than the window`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}/${name}.png`, fullPage: true });
  const { violations } = await axeOf(page);
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(" ")).join("\n    ")}`,
    );
  expect(serious, `${name}: accessibility violations`).toEqual([]);
}

const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Legacy mode runs axe in the page itself: the default opens a blank tab in the story's context to merge frame
// results, which some contexts refuse ("Failed to open a new tab"), and the app's pages have no frames to merge.

/**
 * axe runs as a script in the page. Where the story turned JavaScript off, it runs on a copy of the page as it is
 * (scripts removed, the app's stylesheets kept) in a page where scripts may run: the markup checked is what a visitor
 * without JavaScript gets.
 */
async function axeOf(page: Page) {
  // Playwright's own evaluate works with scripts off, but no timer fires then, and axe waits on timers.
  const timerFires = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)));
  const scripted = await Promise.race([timerFires, new Promise<false>((resolve) => setTimeout(() => resolve(false), 1500))]);
  if (scripted) return new AxeBuilder({ page }).withTags(axeTags).setLegacyMode(true).analyze();
  const origin = new URL(page.url()).origin;
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<head([^>]*)>/i, `<head$1><base href="${origin}/">`);
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.setContent(html, { waitUntil: "load" });
    return await new AxeBuilder({ page: copy }).withTags(axeTags).setLegacyMode(true).analyze();
  } finally {
    await context.close();
  }
}

export async function expectRole(page: Page, role: string) {
  await expect(page.getByTestId("role-badge")).toHaveText(role);
}

/**
 * Raises a signed-in account's role the way the app does, since the admin API refuses to raise one directly
 * (lib/auth/role-raise-guard.ts): the admin's one-use invitation, accepted by the account.
 */
export async function raiseThroughInvitation(granter: APIRequestContext, invitee: APIRequestContext, role: string, origin: string) {
  const created = await granter.post("/api/auth/invite/create", { data: { role, maxUses: 1 }, headers: { origin } });
  expect(created.status(), await created.text()).toBe(200);
  const { token } = await created.json();
  const accepted = await invitee.post("/api/auth/invite/accept", { data: { token }, headers: { origin } });
  expect(accepted.status(), await accepted.text()).toBe(200);
}
