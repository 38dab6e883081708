import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { raiseThroughInvitation, seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

/*
 * Issue 16's Users page: an admin lowers a role, bans and unbans, removes an account, each behind a confirmation and
 * each then on the Activity page; a higher role goes through an invitation. Every account changed or removed is made
 * here (the stories' server seeds only the admin), so the other stories find theirs as they were.
 */

const password = "a-long-enough-password";

/** A new account, signed up in a context of its own (so the admin's session stays), raised to `role` by the admin's invitation. */
async function newAccount(
  playwright: PlaywrightWorkerArgs["playwright"],
  admin: Page,
  baseURL: string,
  name: string,
  role: "user" | "moderator" = "user",
) {
  const email = uniqueEmail(name.toLowerCase().replaceAll(" ", "-"));
  const api: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const signedUp = await api.post("/api/auth/sign-up/email", { data: { name, email, password } });
  expect(signedUp.status()).toBe(200);
  const { user } = await signedUp.json();
  if (role !== "user") await raiseThroughInvitation(admin.request, api, role, baseURL);
  await api.dispose();
  return { id: user.id as string, email, name };
}

/** Reads the outcome's toast, then dismisses it, as a person would: it sits over the page's corner, rows' buttons too. */
async function expectToast(page: Page, text: string) {
  const toast = page.getByRole("status").filter({ hasText: text });
  await expect(toast).toBeVisible();
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toBeHidden();
}

const rowOf = (page: Page, email: string) => page.getByTestId("user-row").filter({ hasText: email });

test.describe("with JavaScript", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the admin lowers a role, bans and unbans, removes an account, and reads each on Activity", async ({
    page,
    browser,
    playwright,
    baseURL,
  }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page, seededAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    const moderator = await newAccount(playwright, page, baseURL!, "Mo Demoted", "moderator");
    const leaving = await newAccount(playwright, page, baseURL!, "Lee Leaving");
    const demoUser = { ...(await newAccount(playwright, page, baseURL!, "Uma Banned")), password };
    await page.goto("/dashboard/users");
    // Nothing to do to oneself: the admin's own row has no actions.
    await expect(rowOf(page, seededAdmin.email).getByText("Change role")).toHaveCount(0);

    // Lower the moderator: applied at once.
    const modRow = rowOf(page, moderator.email);
    await modRow.getByText("Change role", { exact: true }).click();
    await expect(modRow.getByLabel(`New role for ${moderator.name}, applied now`)).toHaveValue("user");
    // The roles above are offered as invitations, not applied here.
    await expect(modRow.getByRole("link", { name: "Invite to become Admin" })).toBeVisible();
    await snapshot(page, testInfo, "users-change-role-1280-light");
    // Opening another confirmation closes this one; Escape closes that one and gives focus back to its button.
    await modRow.getByText("Ban", { exact: true }).click();
    await expect(modRow.getByLabel(`New role for ${moderator.name}, applied now`)).toBeHidden();
    await expect(modRow.getByRole("button", { name: "Confirm ban" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(modRow.getByRole("button", { name: "Confirm ban" })).toBeHidden();
    await expect(modRow.getByText("Ban", { exact: true })).toBeFocused();
    await modRow.getByText("Change role", { exact: true }).click();
    await modRow.getByRole("button", { name: "Confirm change" }).click();
    const toast = page.getByRole("status").filter({ hasText: `${moderator.name} is now a User.` });
    await expect(toast).toBeVisible();
    await expect(toast).toBeFocused();
    await toast.getByRole("button", { name: "Dismiss" }).click();
    await expect(modRow.getByTestId("role-badge")).toHaveText("User");

    // Ban the demo user with a reason: their badge says so, and they cannot sign in.
    const userRow = rowOf(page, demoUser.email);
    await userRow.getByText("Ban", { exact: true }).click();
    await userRow.getByLabel("Reason (optional)").fill("Posting spam");
    await userRow.getByRole("button", { name: "Confirm ban" }).click();
    await expectToast(page, `${demoUser.name} is banned`);
    await expect(userRow.getByTestId("banned-badge")).toHaveText("Banned");
    await expect(userRow).toContainText("Reason: Posting spam");
    await snapshot(page, testInfo, "users-banned-1280-light");

    const banned = await (await browser.newContext()).newPage();
    await signIn(banned, demoUser);
    await expect(banned.getByRole("main").getByRole("alert")).toHaveText(/This account has been suspended/);
    await expect(banned).toHaveURL(/\/sign-in/);

    await userRow.getByText("Unban", { exact: true }).click();
    await userRow.getByRole("button", { name: "Confirm unban" }).click();
    await expectToast(page, `${demoUser.name} is unbanned`);
    await expect(userRow.getByTestId("banned-badge")).toHaveCount(0);
    await signIn(banned, demoUser);
    await expect(banned).toHaveURL(/\/dashboard$/);
    await banned.context().close();

    // Remove an account made here: its row goes, the toast stays.
    const leavingRow = rowOf(page, leaving.email);
    await leavingRow.getByText("Remove", { exact: true }).click();
    await leavingRow.getByRole("button", { name: "Confirm remove" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${leaving.name}'s account (${leaving.email}) is removed` })).toBeVisible();
    await expect(rowOf(page, leaving.email)).toHaveCount(0);

    // Every one of them is on the Activity page, newest first, and under the Accounts filter.
    await page.goto("/dashboard/activity");
    const events = page.getByTestId("user-event");
    await expect(events.filter({ hasText: `removed the account of ${leaving.name}` })).toHaveCount(1);
    await expect(events.filter({ hasText: `unbanned ${demoUser.name}` }).first()).toBeVisible();
    await expect(events.filter({ hasText: `banned ${demoUser.name} (${demoUser.email}): Posting spam` }).first()).toBeVisible();
    await expect(events.filter({ hasText: `changed the role of ${moderator.name}` })).toContainText("from Moderator to User");
    await page.getByRole("navigation", { name: "Filter by event" }).getByRole("link", { name: "Accounts" }).click();
    await expect(page).toHaveURL(/type=accounts/);
    await expect(page.getByTestId("invite-event")).toHaveCount(0);
    await expect(events.first()).toContainText(`removed the account of ${leaving.name}`);

    // The times of every line sit in one column, on a laptop and on a phone (defect 16).
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto("/dashboard/activity");
      const lefts = await page.getByTestId("activity-time").evaluateAll((times) => times.map((time) => time.getBoundingClientRect().right));
      expect(new Set(lefts.map(Math.round)).size, `times at ${width} px`).toBe(1);
      const starts = await page.getByTestId("activity-time").evaluateAll((times) => times.map((time) => time.getBoundingClientRect().left));
      if (width === 390) expect(new Set(starts.map(Math.round)).size).toBe(1);
    }

    // Raising a role is an invitation: the link lands on the invite form, filled in.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/dashboard/users");
    await rowOf(page, moderator.email).getByText("Change role", { exact: true }).click();
    await rowOf(page, moderator.email).getByRole("link", { name: "Invite to become Moderator" }).click();
    await expect(page).toHaveURL(/\/dashboard\/invites\?email=.+&role=moderator$/);
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(moderator.email);
    await expect(page.getByRole("radio", { name: /Moderator/ })).toBeChecked();

    // The page and the log on a phone and a laptop, light and dark.
    for (const width of [390, 1280]) {
      for (const scheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto("/dashboard/users");
        await rowOf(page, moderator.email).getByText("Change role", { exact: true }).click();
        await snapshot(page, testInfo, `users-${width}-${scheme}`);
        await page.goto("/dashboard/activity?type=accounts");
        await snapshot(page, testInfo, `activity-accounts-${width}-${scheme}`);
      }
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("the admin lowers a role, bans, unbans and removes with plain forms, and reads the outcome on the page", async ({
    page,
    playwright,
    baseURL,
  }, testInfo) => {
    test.setTimeout(90_000);
    await signIn(page, seededAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    const moderator = await newAccount(playwright, page, baseURL!, "Nojs Moderator", "moderator");
    await page.goto("/dashboard/users");

    const row = () => rowOf(page, moderator.email);
    await row().getByText("Change role", { exact: true }).click();
    await row().getByRole("button", { name: "Confirm change" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${moderator.name} is now a User.` })).toBeVisible();
    await expect(row().getByTestId("role-badge")).toHaveText("User");
    await snapshot(page, testInfo, "users-no-javascript-390");

    await row().getByText("Ban", { exact: true }).click();
    await row().getByLabel("Reason (optional)").fill("Testing without scripts");
    await row().getByRole("button", { name: "Confirm ban" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${moderator.name} is banned` })).toBeVisible();
    await expect(row()).toContainText("Reason: Testing without scripts");

    await row().getByText("Unban", { exact: true }).click();
    await row().getByRole("button", { name: "Confirm unban" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${moderator.name} is unbanned` })).toBeVisible();

    // Raising is offered as an invitation here too.
    await row().getByText("Change role", { exact: true }).click();
    await expect(row().getByRole("link", { name: "Invite to become Moderator" })).toHaveAttribute(
      "href",
      `/dashboard/invites?${new URLSearchParams({ email: moderator.email, role: "moderator" })}`,
    );

    await row().getByText("Remove", { exact: true }).click();
    await row().getByRole("button", { name: "Confirm remove" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${moderator.name}'s account (${moderator.email}) is removed` })).toBeVisible();
    await expect(rowOf(page, moderator.email)).toHaveCount(0);

    await page.goto("/dashboard/activity?type=accounts");
    await expect(page.getByTestId("user-event").first()).toContainText(`removed the account of ${moderator.name}`);
    await snapshot(page, testInfo, "activity-no-javascript-390");
  });
});
