import { expect, test } from "@playwright/test";
import { seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("the admin invites a new address as moderator through the form; the invitee signs up from the email and reads the welcome", async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, seededAdmin);
  await page.getByRole("link", { name: "Invite people" }).click();
  await expect(page).toHaveURL(/\/dashboard\/invites$/);
  const email = uniqueEmail("formmod");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByText("Can manage content", { exact: true }).click();
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email} with Moderator role!`)).toBeVisible();
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toContainText("Pending");
  await snapshot(page, testInfo, "dashboard-invites");

  const { emails } = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
  expect(emails[0].subject).toBe("You're invited as moderator!");
  const link = emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await invitee.getByRole("link", { name: "Create an account" }).click();
  await invitee.getByLabel("Name").fill("Form Moderator");
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await invitee.getByLabel("Password").fill("form-moderator-password");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toContainText("Used");

  await page.goto("/dashboard/activity");
  await expect(page.locator('[data-testid="invite-event"][data-type="accepted"]').filter({ hasText: email }).first()).toContainText(
    "Form Moderator accepted",
  );
  await page.goto("/dashboard/users");
  await expect(page.getByTestId("user-row").filter({ hasText: email })).toContainText("Ada Admin");
});

test("a code typed at /invite opens the invitation, in any case and without its dash", async ({ page, browser, baseURL }, testInfo) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const { token } = await (
    await page.request.post("/api/auth/invite/create", { data: { role: "moderator", tokenType: "code" }, headers: { origin: baseURL! } })
  ).json();

  const visitor = await (await browser.newContext()).newPage();
  await signUp(visitor, { name: "Coder", email: uniqueEmail("coder"), password: "coder-password" });
  await expect(visitor).toHaveURL(/\/dashboard$/);
  await visitor.goto("/invite");
  await visitor.getByLabel("Invitation code").fill(token.replace("-", "").toLowerCase());
  await snapshot(visitor, testInfo, "invite-code-entry");
  await visitor.getByRole("button", { name: "Continue" }).click();
  await visitor.getByRole("button", { name: "Accept as Moderator" }).click();
  await expect(visitor.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
});

test("a shareable code is shown once, and a revoked invite is refused", async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  await page.getByText("Anyone with the link", { exact: true }).click();
  await page.getByText("Basic access", { exact: true }).click();
  await page.getByText("Advanced settings").click();
  await page.getByLabel("Link or code").selectOption("code");
  await page.getByRole("button", { name: "Send Invitation" }).click();
  const code = (await page.getByTestId("shareable-invite").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

  const row = page.getByTestId("invite-row").filter({ hasText: "Code" }).first();
  await row.getByText("Revoke", { exact: true }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation revoked." })).toBeVisible();

  // A revoked code answers like one never issued: guessing codes teaches nothing about past invitations.
  await page.goto(`/invite/${code}`);
  await expect(page.getByRole("heading", { name: "Code not recognised" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/This invitation is not valid/);
});

test("a user who is not an admin cannot open the invite form", async ({ page }) => {
  const email = uniqueEmail("notadmin");
  await signUp(page, { name: "Not Admin", email, password: "not-admin-password" });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send Invitation" })).toHaveCount(0);
});

test("bulk invite of five addresses: each gets its own private invitation, and a bad address is reported on its own", async ({
  page,
}, testInfo) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  const emails = Array.from({ length: 5 }, (_, index) => uniqueEmail(`bulk${index}`));
  await page.getByText("Invite many people at once").click();
  await page.getByLabel("Email addresses").fill(`${emails.slice(0, 3).join(", ")}\n${emails.slice(3).join("\n")}\nnot-an-email`);
  await page.getByLabel("Role for all of them").selectOption("moderator");
  await page.getByRole("button", { name: "Send all invitations" }).click();
  await expect(page.getByText("5 of 6 addresses invited with Moderator role.")).toBeVisible();
  await expect(page.getByTestId("bulk-result").filter({ hasText: "not-an-email" })).toContainText(
    "Enter a valid email address, like name@example.com.",
  );
  // What failed stays in the box, with the same role, to fix and send again.
  await expect(page.getByLabel("Email addresses")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Role for all of them")).toHaveValue("moderator");
  await snapshot(page, testInfo, "bulk-invite");
  for (const email of emails) {
    const { emails: sent } = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
    expect(sent[0]?.subject).toBe("You're invited as moderator!");
  }
});

test("the invites table pages newest first: Older and Newer move by ten, without counting every invitation", async ({ page }, testInfo) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  // Eleven new invitations: whatever the other stories sent, the first page is full and a second one follows.
  const emails = Array.from({ length: 11 }, (_, index) => uniqueEmail(`page${index}`));
  await page.getByText("Invite many people at once").click();
  await page.getByLabel("Email addresses").fill(emails.join("\n"));
  await page.getByRole("button", { name: "Send all invitations" }).click();
  await expect(page.getByText("11 of 11 addresses invited with User role.")).toBeVisible();

  await page.goto("/dashboard/invites");
  const table = page.getByRole("table");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(table.getByRole("row")).toHaveCount(11);
  await expect(table).toContainText(emails[10]!);
  await expect(table).not.toContainText(emails[0]!);
  await expect(pages).toContainText("Page 1 · 1–10");
  await expect(pages.getByRole("link", { name: "← Newer" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pages).toContainText("Page 2 · 11–");
  await expect(table).toContainText(emails[0]!);
  await expect(table).not.toContainText(emails[10]!);
  await snapshot(page, testInfo, "invites-second-page");
  await pages.getByRole("link", { name: "← Newer" }).click();
  await expect(table).toContainText(emails[10]!);
});
