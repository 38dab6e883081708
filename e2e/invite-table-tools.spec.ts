import { expect, test, type Page } from "@playwright/test";
import { seededAdmin, signIn, snapshot } from "./support/fixtures";

// The invitations table's admin tools (issue 16, "Admin tools people expect"): sort by created and expires, bulk
// revoke and resend behind a confirmation, and Undo after a revoke, with and without JavaScript.

type Made = { email: string; id: string; token: string };

/** Private invitations whose addresses share a tag no other story uses, each with its lifetime in hours, in this order. */
async function inviteTagged(page: Page, origin: string, tag: string, lifetimes: number[]): Promise<Made[]> {
  const made: Made[] = [];
  for (const [at, hours] of lifetimes.entries()) {
    const email = `p${at}.${tag}@example.com`;
    const created = await page.request.post("/api/auth/invite/create", {
      data: { role: "moderator", email, expiresIn: hours * 3600 },
      headers: { origin },
    });
    expect(created.status(), await created.text()).toBe(200);
    const body = await created.json();
    made.push({ email, id: body.invitation.id, token: body.token });
  }
  return made;
}

async function openTagged(page: Page, tag: string, query = "") {
  await page.goto(`/dashboard/invites?q=${tag}${query}`);
}

const rows = (page: Page) => page.getByTestId("invite-row");
/** The rows' recipients, in order, as they settle (a click on a header is a navigation). */
const expectOrder = (page: Page, emails: string[]) => expect(rows(page).locator("td:first-child")).toHaveText(emails);
const tick = (page: Page, email: string) => page.getByRole("checkbox", { name: `Select the invitation to ${email} (Moderator)` });
const statusOf = async (page: Page, token: string) =>
  (await (await page.request.get(`/api/auth/invite/get?token=${encodeURIComponent(token)}`)).json()).invitation.status;

test.beforeEach(async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("the admin sorts by expiry and by creation, both ways, with the search kept, and the header says the order", async ({
  page,
  baseURL,
}) => {
  const tag = `sort${Date.now().toString(36)}`;
  // Made first to last: 48 h, 2 h, 200 h.
  const [long, short, longest] = await inviteTagged(page, baseURL!, tag, [48, 2, 200]);
  await openTagged(page, tag);
  await expectOrder(page, [longest!.email, short!.email, long!.email]);
  const created = page.getByRole("columnheader", { name: /Created/ });
  const expires = page.getByRole("columnheader", { name: /Expires/ });
  await expect(created).toHaveAttribute("aria-sort", "descending");

  await expires.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}&sort=expires&dir=asc$`));
  await expectOrder(page, [short!.email, long!.email, longest!.email]);
  await expect(page.getByRole("columnheader", { name: /Expires/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("columnheader", { name: /Created/ })).not.toHaveAttribute("aria-sort", /.+/);
  await expect(page.getByRole("searchbox", { name: "Search by email" })).toHaveValue(tag);

  await page
    .getByRole("columnheader", { name: /Expires/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(new RegExp(`sort=expires$`));
  await expectOrder(page, [longest!.email, long!.email, short!.email]);
  await expect(page.getByRole("columnheader", { name: /Expires/ })).toHaveAttribute("aria-sort", "descending");

  // A status filter keeps the order; Created leads back to newest first, then oldest first.
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Pending" }).click();
  await expect(page).toHaveURL(/status=pending&q=.*&sort=expires$/);
  await page
    .getByRole("columnheader", { name: /Created/ })
    .getByRole("link")
    .click();
  await expectOrder(page, [longest!.email, short!.email, long!.email]);
  await page
    .getByRole("columnheader", { name: /Created/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/dir=asc$/);
  await expectOrder(page, [long!.email, short!.email, longest!.email]);

  // A sort that is not one reads as newest first.
  await openTagged(page, tag, "&sort=email&dir=sideways");
  await expectOrder(page, [longest!.email, short!.email, long!.email]);
});

test("the admin ticks two, revokes them behind a confirmation naming how many, and Undo brings both back with working links", async ({
  page,
  baseURL,
}, testInfo) => {
  const tag = `bulk${Date.now().toString(36)}`;
  const [first, second, third] = await inviteTagged(page, baseURL!, tag, [24, 24, 24]);
  await openTagged(page, tag);
  const bar = page.getByRole("form", { name: "Selected invitations" });
  await tick(page, first!.email).check();
  await tick(page, second!.email).check();
  await expect(bar.getByText("2 selected")).toBeVisible();

  await bar.getByText("Revoke selected", { exact: true }).click();
  await expect(bar.getByText("Revoke 2 invitations? Nobody can use them afterwards; you can undo it for 2 minutes.")).toBeVisible();
  await snapshot(page, testInfo, "table-tools-confirm-1280-light");
  await bar.getByRole("button", { name: "Revoke 2 invitations" }).click();
  const toast = page.getByRole("status").filter({ hasText: "Revoked 2 invitations." });
  await expect(toast).toBeFocused();
  await expect(rows(page).filter({ hasText: first!.email })).toContainText("Revoked");
  await expect(rows(page).filter({ hasText: third!.email })).toContainText("Pending");
  expect(await statusOf(page, first!.token)).toBe("canceled");
  // The ticks are cleared with the rows they named.
  await expect(bar.getByText("0 selected")).toBeVisible();

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored 2 invitations. Their links work again." })).toBeFocused();
  await expect(rows(page).filter({ hasText: first!.email })).toContainText("Pending");
  await expect(rows(page).filter({ hasText: second!.email })).toContainText("Pending");
  expect(await statusOf(page, first!.token)).toBe("pending");
  expect(await statusOf(page, second!.token)).toBe("pending");
});

test("'Select all on this page' ticks every row, and Resend selected sends each again", async ({ page, baseURL }) => {
  const tag = `resend${Date.now().toString(36)}`;
  const made = await inviteTagged(page, baseURL!, tag, [24, 24]);
  await openTagged(page, tag);
  const bar = page.getByRole("form", { name: "Selected invitations" });
  await bar.getByRole("checkbox", { name: "Select all on this page" }).check();
  for (const invitation of made) await expect(tick(page, invitation.email)).toBeChecked();
  await tick(page, made[0]!.email).uncheck();
  await expect(bar.getByRole("checkbox", { name: "Select all on this page" })).not.toBeChecked();
  await tick(page, made[0]!.email).check();
  await expect(bar.getByRole("checkbox", { name: "Select all on this page" })).toBeChecked();

  await bar.getByText("Resend selected", { exact: true }).click();
  await bar.getByRole("button", { name: "Resend 2 invitations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resent 2 invitations." })).toBeFocused();
  // Each got a new link: the old one now says a newer email replaced it.
  for (const invitation of made) {
    const old = await page.request.get(`/api/auth/invite/get?token=${encodeURIComponent(invitation.token)}`);
    expect((await old.json()).code).toBe("INVITE_LINK_REPLACED");
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the admin ticks two, revokes them, and the page after offers Undo, which restores both", async ({ page, baseURL }, testInfo) => {
    const tag = `nojsbulk${Date.now().toString(36)}`;
    const [first, second] = await inviteTagged(page, baseURL!, tag, [24, 24]);
    await openTagged(page, tag, "&sort=expires&dir=asc");
    await tick(page, first!.email).check();
    await tick(page, second!.email).check();
    const bar = page.getByRole("form", { name: "Selected invitations" });
    await bar.getByText("Revoke selected", { exact: true }).click();
    await bar.getByRole("button", { name: "Revoke the selected invitations" }).click();
    const toast = page.getByRole("status").filter({ hasText: "Revoked 2 invitations." });
    await expect(toast).toBeVisible();
    expect(await statusOf(page, first!.token)).toBe("canceled");
    await snapshot(page, testInfo, "table-tools-nojs-revoked");
    await toast.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Restored 2 invitations. Their links work again." })).toBeVisible();
    expect(await statusOf(page, first!.token)).toBe("pending");
    expect(await statusOf(page, second!.token)).toBe("pending");
  });

  test("'Select all on this page' and a sort header work too", async ({ page, baseURL }) => {
    const tag = `nojsall${Date.now().toString(36)}`;
    const made = await inviteTagged(page, baseURL!, tag, [30, 3]);
    await openTagged(page, tag);
    await page
      .getByRole("columnheader", { name: /Expires/ })
      .getByRole("link")
      .click();
    await expectOrder(page, [made[1]!.email, made[0]!.email]);
    const bar = page.getByRole("form", { name: "Selected invitations" });
    await bar.getByRole("checkbox", { name: "Select all on this page" }).check();
    await bar.getByText("Resend selected", { exact: true }).click();
    await bar.getByRole("button", { name: "Resend the selected invitations" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Resent 2 invitations." })).toBeVisible();
  });
});

for (const width of [390, 1280] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test.describe(`at ${width} px, ${scheme}`, () => {
      test.use({ viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme: scheme });

      test("the table's tools fit: each card has its checkbox, the sort is in reach, the bar's confirmation in sight", async ({
        page,
        baseURL,
      }, testInfo) => {
        const tag = `shot${width}${scheme}${Date.now().toString(36)}`;
        const [first] = await inviteTagged(page, baseURL!, tag, [24, 72]);
        await openTagged(page, tag);
        await tick(page, first!.email).scrollIntoViewIfNeeded();
        await expect(tick(page, first!.email)).toBeInViewport();
        await tick(page, first!.email).check();
        const sort = width === 390 ? page.getByRole("navigation", { name: "Sort invitations" }) : page.getByRole("row").first();
        await expect(sort.getByRole("link", { name: width === 390 ? "Expiring soonest" : /Expires/ })).toBeVisible();
        const bar = page.getByRole("form", { name: "Selected invitations" });
        await bar.getByText("Revoke selected", { exact: true }).click();
        await expect(bar.getByRole("button", { name: "Revoke 1 invitation" })).toBeInViewport({ ratio: 1 });
        await snapshot(page, testInfo, `table-tools-${width}-${scheme}`);
      });
    });
  }
}
