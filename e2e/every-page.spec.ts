import { expect, test, type Page } from "@playwright/test";
import { seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

// Every page, on a phone and a laptop, in light and dark: no sideways scrolling and no serious axe violation
// (both checked by snapshot), and the screenshots the README shows.
const signedOutPages = ["/", "/sign-in", "/sign-up", "/invite", "/invite/no-such-invitation"];
const adminPages = ["/dashboard", "/dashboard/invites", "/dashboard/users", "/dashboard/activity", "/dashboard/security", "/dev/outbox"];
const widths = [390, 1280] as const;
const schemes = ["light", "dark"] as const;

const shotName = (path: string, width: number, scheme: string) =>
  `page${path === "/" ? "-home" : path.replaceAll("/", "-")}-${width}-${scheme}`;

/** The lightness of the page's background, 0 (black) to 1 (white), as oklch gives it. */
async function backgroundLightness(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightness = /(oklch|lab)\(([\d.]+)(%?)/.exec(colour);
  if (!lightness) throw new Error(`unexpected colour ${colour}`);
  return Number(lightness[2]) / (lightness[1] === "lab" || lightness[3] ? 100 : 1);
}

for (const width of widths) {
  for (const scheme of schemes) {
    test.describe(`at ${width} px, ${scheme}`, () => {
      test.use({ viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme: scheme });

      test(`every signed-out page fits and passes axe`, async ({ page }, testInfo) => {
        // A screenshot and an axe run per page: a few seconds each on a busy 2-core machine.
        test.setTimeout(120_000);
        for (const path of signedOutPages) {
          await page.goto(path);
          await snapshot(page, testInfo, shotName(path, width, scheme));
        }
        // The system's scheme is followed when the visitor chose none.
        expect(await backgroundLightness(page)).toBeGreaterThan(scheme === "dark" ? 0 : 0.9);
        expect(await backgroundLightness(page)).toBeLessThan(scheme === "dark" ? 0.3 : 1.01);
      });

      for (const path of adminPages) {
        test(`the admin's ${path} fits and passes axe`, async ({ page }, testInfo) => {
          await signIn(page, seededAdmin);
          await expect(page).toHaveURL(/\/dashboard$/);
          await page.goto(path);
          await snapshot(page, testInfo, shotName(path, width, scheme));
        });
      }
    });
  }
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the header folds into a menu that opens by keyboard, reaches Sign out, and closes on Escape", async ({ page }) => {
    await signIn(page, seededAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Invitations" })).toBeHidden();
    const menu = header.getByText("Menu");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(header.getByRole("link", { name: "Invitations" })).toBeVisible();
    await expect(header.getByRole("link", { name: "Users" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await page.keyboard.press("Escape");
    await expect(header.getByRole("link", { name: "Invitations" })).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await header.getByRole("link", { name: "Invitations" }).click();
    await expect(page).toHaveURL(/\/dashboard\/invites$/);
    // The page changed: the menu closed behind it.
    await expect(header.getByRole("link", { name: "Invitations" })).toBeHidden();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("the phone menu still opens, and the theme chosen is kept across pages", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("banner").getByText("Menu").click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.getByRole("button", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await backgroundLightness(page)).toBeLessThan(0.3);
    await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "System" }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  });
});

test("a chosen theme wins over the system's, and times are shown in the viewer's time zone", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  expect(await backgroundLightness(page)).toBeGreaterThan(0.9);
  await page.goto("/dashboard/invites");
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("tokyo"));
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  // The browser said Tokyo: the exact time on hover is Japan's, named as such.
  await expect(page.getByTestId("invite-row").first().locator("time").first()).toHaveAttribute("title", /GMT\+9|JST/);
  await context.close();
});
