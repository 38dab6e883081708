import { expect, test, type Page } from "@playwright/test";
import { seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

// The invite form and the invitations table as a demanding admin uses them (issue 16: defects 1, 2, 10, 11, 12, 14,
// 15 and 19, and the table on a phone).

async function openInvites(page: Page, query = "") {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/dashboard/invites${query}`);
}

test("an empty Email is not a shareable link by accident: the kind is chosen, and the role stays chosen after a send", async ({ page }) => {
  await openInvites(page);
  await page.getByText("Can manage content", { exact: true }).click();
  await page.getByRole("button", { name: "Send Invitation" }).click();
  const email = page.getByLabel("Email", { exact: true });
  await expect(page.getByText("Enter the address to invite, or choose “Anyone with the link”.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  // Focus goes to the field to fix, not to the top of the page.
  await expect(email).toBeFocused();
  await expect(page.getByTestId("shareable-invite")).toHaveCount(0);

  const address = uniqueEmail("kept-role");
  await email.fill(address);
  await page.getByRole("button", { name: "Send Invitation" }).click();
  const sent = page.getByRole("status").filter({ hasText: `Invitation sent to ${address} with Moderator role!` });
  await expect(sent).toBeVisible();
  // The result has focus, where a screen reader reads it; the next invitation starts from the same role.
  await expect(page.locator(":focus")).toContainText(`Invitation sent to ${address}`);
  await expect(page.getByRole("radio", { name: /Moderator/ })).toBeChecked();
  await expect(email).toHaveValue("");
});

test("a focused role card looks unlike a selected one", async ({ page }) => {
  await openInvites(page);
  const user = page.locator("label").filter({ has: page.getByRole("radio", { name: /^User/ }) });
  const moderator = page.locator("label").filter({ has: page.getByRole("radio", { name: /^Moderator/ }) });
  await page.getByRole("radio", { name: /^User/ }).focus();
  // Arrow keys move focus and selection together in a radio group: Tab into the group, then compare styles.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^Moderator/ })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const style = (label: typeof user) =>
    label.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { outline: computed.outlineStyle, background: computed.backgroundColor };
    });
  const focusedAndSelected = await style(moderator);
  const neither = await style(user);
  expect(focusedAndSelected.outline).toBe("dashed");
  expect(neither.outline).toBe("none");
  expect(focusedAndSelected.background).not.toBe(neither.background);
});

test("the Users page's link fills in the form: an address and a role the admin may grant", async ({ page }) => {
  const email = uniqueEmail("prefill");
  await openInvites(page, `?email=${encodeURIComponent(email)}&role=admin`);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(page.getByRole("radio", { name: /^Admin/ })).toBeChecked();
  await page.goto("/dashboard/invites?email=not-an-address&role=superadmin");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("");
  await expect(page.getByRole("radio", { name: /^User/ })).toBeChecked();
});

test("a bulk list counts what was typed, and says which address was given twice in another case", async ({ page }) => {
  await openInvites(page);
  const [first, second] = [uniqueEmail("twice-a"), uniqueEmail("twice-b")];
  await page.getByText("Invite many people at once").click();
  await page.getByLabel("Email addresses").fill([first, second, first.toUpperCase()].join("\n"));
  await page.getByRole("button", { name: "Send all invitations" }).click();
  await expect(
    page.getByText("2 of 3 addresses invited with User role. 1 address was given twice (letter case aside) and got no second invitation."),
  ).toBeVisible();
  await expect(page.getByTestId("bulk-result").filter({ hasText: "listed twice" })).toContainText(first.toUpperCase());
});

test("resend keeps the invitation's lifetime, says so before, and its answer leaves the table's layout alone", async ({ page }) => {
  await openInvites(page);
  const email = uniqueEmail("one-day");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByText("Advanced settings").click();
  await page.getByLabel("Expires after").selectOption("86400");
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const row = page.getByTestId("invite-row").filter({ hasText: email });
  await expect(row.locator("time").nth(1)).toHaveText(/^in 2[34] hours$/);
  const before = await row.boundingBox();

  await row.getByText("Resend", { exact: true }).click();
  const confirm = row.getByRole("button", { name: "Confirm resend" });
  await expect(row.getByText("the new one lasts as long as the first did")).toBeVisible();
  // Drawn over the rows, whole: nothing of it is clipped by the table.
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(row.getByText("Resend", { exact: true })).toBeFocused();

  await row.getByText("Resend", { exact: true }).click();
  await confirm.click();
  const toast = page.getByRole("status").filter({ hasText: `Invitation sent again to ${email}` });
  await expect(toast).toBeVisible();
  await expect(toast).toBeFocused();
  // A 24-hour invitation sent again is good for 24 hours, not the default 7 days (defect 10).
  await expect(row.locator("time").nth(1)).toHaveText(/^in 2[34] hours$/);
  const after = await row.boundingBox();
  expect(Math.abs((after?.width ?? 0) - (before?.width ?? 0))).toBeLessThanOrEqual(1);
  await expect(row.getByText("Revoke", { exact: true })).toBeInViewport();
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toBeHidden();
});

test("a page past the end of the list says so and leads back to the first page", async ({ page }) => {
  await openInvites(page, "?page=99");
  await expect(page.getByRole("heading", { name: "Page 99 is past the end of the list" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Newer" })).toHaveCount(0);
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(page).toHaveURL(/\/dashboard\/invites$/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("each invitation is a card with its status and actions in sight, and nothing scrolls sideways", async ({ page }, testInfo) => {
    await openInvites(page);
    const email = uniqueEmail("phone-card");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send Invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
    const card = page.getByTestId("invite-row").filter({ hasText: email });
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByText("Pending", { exact: true })).toBeInViewport();
    await expect(card.getByText("Revoke", { exact: true })).toBeInViewport();
    const box = await card.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await card.getByText("Revoke", { exact: true }).click();
    await expect(card.getByRole("button", { name: "Confirm revoke" })).toBeInViewport({ ratio: 1 });
    await snapshot(page, testInfo, "invites-cards-390");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a shareable link is made by choosing it, and no Copy button is shown that could not work", async ({ page }) => {
    await openInvites(page);
    await page.getByText("Anyone with the link", { exact: true }).click();
    await page.getByRole("button", { name: "Send Invitation" }).click();
    await expect(page.getByTestId("shareable-invite")).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy" })).toHaveCount(0);
    // Both kinds chosen at once cannot happen without JavaScript either: the server says which field is wrong.
    await page.getByText("Anyone with the link", { exact: true }).click();
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("both"));
    await page.getByRole("button", { name: "Send Invitation" }).click();
    await expect(page.getByText("A shareable link is for anyone: clear Email, or choose “One person”.")).toBeVisible();
  });
});
