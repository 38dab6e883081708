import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

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
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(" ")).join("\n    ")}`,
    );
  expect(serious, `${name}: accessibility violations`).toEqual([]);
}

export async function expectRole(page: Page, role: string) {
  await expect(page.getByTestId("role-badge")).toHaveText(role);
}
