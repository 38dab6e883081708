import { expect, test, type Page } from "@playwright/test";
import { raiseThroughInvitation, seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

/** Issue 12's stories in a browser: the admin's mistakes said before sending, a dead link said as such, the log. */

async function signUpAs(page: Page, role: "user" | "moderator" | "admin", admin: Page, baseURL: string) {
  const user = { name: `A ${role}`, email: uniqueEmail(role), password: "a-long-enough-password" };
  await signUp(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  if (role !== "user") await raiseThroughInvitation(admin.request, page.request, role, baseURL);
  return user;
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("the invite form says, as the admin types, that a moderator is one already, and the server refuses it too", async ({
      page,
      browser,
      baseURL,
    }, testInfo) => {
      await signIn(page, seededAdmin);
      await expect(page).toHaveURL(/\/dashboard$/);
      const moderator = await signUpAs(await (await browser.newContext()).newPage(), "moderator", page, baseURL!);

      await page.goto("/dashboard/invites");
      await page.getByLabel("Email", { exact: true }).fill(moderator.email);
      await page.getByText("Can manage content", { exact: true }).click();
      const warning = page.getByTestId("recipient-warning");
      await expect(warning).toHaveText(/already has this role, or a higher one/);
      await snapshot(page, testInfo, `invite-warning-${width}`);
      // Picking a role above theirs is a real upgrade: the warning goes.
      await page.getByText("Full access", { exact: true }).click();
      await expect(warning).toHaveText("");
      await page.getByText("Can manage content", { exact: true }).click();
      await expect(warning).not.toHaveText("");
      await page.getByRole("button", { name: "Send Invitation" }).click();
      await expect(page.getByText("This person already has this role, or a higher one")).toBeVisible();
      await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");

      await page.getByLabel("Email", { exact: true }).fill(seededAdmin.email);
      await expect(warning).toHaveText("You can't invite yourself.");
    });

    test("an invitee opening a link whose admin was demoted reads that it is no longer valid", async ({
      page,
      browser,
      baseURL,
    }, testInfo) => {
      await signIn(page, seededAdmin);
      await expect(page).toHaveURL(/\/dashboard$/);
      const creatorPage = await (await browser.newContext()).newPage();
      await signUpAs(creatorPage, "admin", page, baseURL!);
      await creatorPage.reload();
      const { url, invitation } = await (
        await creatorPage.request.post("/api/auth/invite/create", { data: { role: "admin", maxUses: 5 }, headers: { origin: baseURL! } })
      ).json();
      const creatorSession = await (await creatorPage.request.get("/api/auth/get-session")).json();
      expect(
        (
          await page.request.post("/api/auth/admin/set-role", {
            data: { userId: creatorSession.user.id, role: "user" },
            headers: { origin: baseURL! },
          })
        ).status(),
      ).toBe(200);

      const invitee = await (await browser.newContext()).newPage();
      await invitee.goto(url);
      await expect(invitee.getByRole("heading", { name: "Invitation no longer valid" })).toBeVisible();
      await expect(invitee.getByText("the person who sent it can no longer grant this role")).toBeVisible();
      await snapshot(invitee, testInfo, `invite-inviter-not-allowed-${width}`);

      // The admin's activity log shows what happened, newest first, and filters to it.
      await page.goto("/dashboard/activity");
      const filters = page.getByRole("navigation", { name: "Filter by event" });
      await filters.getByRole("link", { name: "Created", exact: true }).click();
      await expect(page).toHaveURL(/type=created/);
      await expect(page.locator('[data-testid="invite-event"]').first()).toHaveAttribute("data-type", "created");
      await filters.getByRole("link", { name: "All", exact: true }).click();
      await expect(
        page.locator('[data-testid="invite-event"][data-type="created"]').filter({ hasText: "a shareable link" }).first(),
      ).toBeVisible();
      expect(invitation.id).toBeTruthy();
      await snapshot(page, testInfo, `activity-${width}`);
    });
  });
}

test("the activity log pages with Newer and Older, by keyboard", async ({ page, baseURL }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  for (let index = 0; index < 26; index++) {
    expect((await page.request.post("/api/auth/invite/create", { data: { role: "user" }, headers: { origin: baseURL! } })).status()).toBe(
      200,
    );
  }
  await page.goto("/dashboard/activity?type=created");
  await expect(page.locator('[data-testid="invite-event"]')).toHaveCount(25);
  const older = page.getByRole("link", { name: "Older →" });
  await older.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/type=created&page=2/);
  await expect(page.getByText(/Page 2 · 26–/)).toBeVisible();
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page).toHaveURL(/\/dashboard\/activity\?type=created$/);
});

test("sending before the live check has answered leaves no warning about the invitation just sent", async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  const email = uniqueEmail("quick");
  // Sent at once, inside the check's pause: Next runs server actions one at a time, so a check still
  // pending would be answered after the create, about the invitation it made.
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  // An absence: wait past the check's pause and a round trip before reading it.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId("recipient-warning")).toHaveText("");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("");
});
