import { expect, test, type Page } from "@playwright/test";
import { seededAdmin, signIn } from "./support/fixtures";

/** Three private invitations whose addresses share a tag no other story uses; the second one canceled. */
async function inviteThree(page: Page, origin: string, tag: string) {
  const emails = [`ada.${tag}@example.com`, `bob.${tag}@example.com`, `cy.${tag}@example.org`];
  const ids: string[] = [];
  for (const email of emails) {
    const created = await page.request.post("/api/auth/invite/create", { data: { role: "moderator", email }, headers: { origin } });
    expect(created.status(), await created.text()).toBe(200);
    ids.push((await created.json()).invitation.id);
  }
  const canceled = await page.request.post("/api/auth/invite/cancel", { data: { id: ids[1] }, headers: { origin } });
  expect(canceled.status()).toBe(200);
  return emails;
}

const rows = (page: Page) => page.getByTestId("invite-row");

test("the admin searches sent invitations by part of an address: the status filter stays, the page starts again, and an empty search says so", async ({
  page,
  baseURL,
}) => {
  const tag = `srch${Date.now().toString(36)}`;
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const [ada, bob, cy] = await inviteThree(page, baseURL!, tag);

  await page.goto("/dashboard/invites?status=pending&page=3");
  await page.getByRole("searchbox", { name: "Search by email" }).fill(tag.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/invites\\?q=${tag.toUpperCase()}&status=pending$`));
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: ada })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: cy })).toHaveCount(1);
  await expect(page.getByRole("searchbox", { name: "Search by email" })).toHaveValue(tag.toUpperCase());

  // A status filter keeps the search.
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Revoked" }).click();
  await expect(page).toHaveURL(/status=canceled/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(bob!);

  await page.getByRole("searchbox", { name: "Search by email" }).fill(`nobody.${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: `No revoked invitations match “nobody.${tag}”` })).toBeVisible();

  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(page).toHaveURL(/\/dashboard\/invites\?status=canceled$/);
  await expect(page.getByRole("searchbox", { name: "Search by email" })).toHaveValue("");
});

test("the search works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const tag = `nojs${Date.now().toString(36)}`;
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const [ada] = await inviteThree(page, baseURL!, tag);

  await page.goto("/dashboard/invites");
  await page.getByRole("searchbox", { name: "Search by email" }).fill(`ada.${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=ada.${tag}`));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(ada!);
  await context.close();
});
