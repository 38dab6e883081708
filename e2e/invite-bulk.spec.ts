import { expect, test } from "@playwright/test";
import { seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

/** A spreadsheet's export: a header in its own case, a quoted name with a comma, a role per row, one role that is none. */
function csvOf(count: number, refusedRow: number) {
  const rows = Array.from({ length: count }, (_, index) => {
    const email = uniqueEmail(`csv${index}`);
    const role = index + 2 === refusedRow ? "superadmin" : index % 3 === 0 ? "moderator" : "";
    return { email, role, line: `"Person ${index}, Tester",${email},${role}` };
  });
  return { rows, text: ["Name,Email,ROLE", ...rows.map((row) => row.line)].join("\r\n") + "\r\n" };
}

/** The number of invitations the page says are left, of the limit. */
async function invitationsLeft(page: import("@playwright/test").Page) {
  const text = await page.getByTestId("invitation-quota").textContent();
  const match = text?.match(/^(\d+) of 500 invitations left/);
  expect(match, text ?? "no quota shown").not.toBeNull();
  return Number(match?.[1]);
}

for (const width of [1280, 390]) {
  test(`at ${width} px, a CSV of 100 addresses with a role column is sent in parts, with progress, and each row says how it went`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, seededAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/dashboard/invites");
    const before = await invitationsLeft(page);

    const refusedRow = 51;
    const { rows, text } = csvOf(100, refusedRow);
    await page.getByText("Invite many people at once").click();
    await page.getByLabel("Or a CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Send all invitations" }).click();

    // The bar moves a part at a time, then the rows come back, one per address, in the file's order.
    const progress = page.getByRole("progressbar", { name: "Invitations sent" });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("max", "100");
    await expect(page.getByText(/^Sent \d+ of 100$/)).toBeVisible();
    await expect(page.getByText("Sent 100 of 100")).toBeVisible({ timeout: 150_000 });
    await expect(progress).toHaveAttribute("value", "100");
    await expect(page.getByText("99 of 100 addresses invited.")).toBeVisible();

    const results = page.getByTestId("bulk-result");
    await expect(results).toHaveCount(100);
    await expect(results.first()).toContainText("Row 2");
    await expect(results.first()).toContainText(rows[0]?.email ?? "");
    await expect(results.first()).toContainText("Sent");
    // A role the admin may not grant (here: none such exists) is refused on its own row; the rest go out.
    const refused = results.nth(refusedRow - 2);
    await expect(refused).toContainText(`Row ${refusedRow}`);
    await expect(refused).toContainText('"superadmin" is not a role: use one of user, moderator, admin.');
    await expect(results.filter({ hasText: "Sent" })).toHaveCount(99);
    await snapshot(page, testInfo, `bulk-csv-${width}`);

    // The outbox received each invitation, at its row's role (the form's when the row names none).
    for (const [index, row] of [rows[0], rows[1], rows[99]].entries()) {
      const { emails } = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(row?.email ?? "")}`)).json();
      expect(emails, `row ${index}`).toHaveLength(1);
      expect(emails[0].subject).toBe(row?.role === "moderator" ? "You're invited as moderator!" : "You're invited as user!");
    }
    const { emails: none } = await (
      await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(rows[refusedRow - 2]?.email ?? "")}`)
    ).json();
    expect(none).toHaveLength(0);

    await page.reload();
    expect(await invitationsLeft(page)).toBe(before - 99);
  });
}

test("a CSV without an email column is refused before anything is sent, and says what it needs", async ({ page }) => {
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  await page.getByText("Invite many people at once").click();
  await page
    .getByLabel("Or a CSV file")
    .setInputFiles({ name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("address,role\nx@example.com,user\n") });
  await page.getByRole("button", { name: "Send all invitations" }).click();
  await expect(page.getByText('The CSV file needs a first row that names its columns, with an "email" column.')).toBeVisible();
  await expect(page.getByTestId("bulk-result")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the CSV goes in one post, and the results come back with the page", async ({ page }) => {
    await signIn(page, seededAdmin);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/dashboard/invites");
    const { rows, text } = csvOf(5, 4);
    await page.getByText("Invite many people at once").click();
    await page.getByLabel("Or a CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Send all invitations" }).click();
    await expect(page.getByText("4 of 5 addresses invited.")).toBeVisible();
    await expect(page.getByTestId("bulk-result")).toHaveCount(5);
    await expect(page.getByTestId("bulk-result").nth(2)).toContainText('"superadmin" is not a role');
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    const { emails } = await (await page.request.get(`/api/dev/outbox?to=${encodeURIComponent(rows[4]?.email ?? "")}`)).json();
    expect(emails).toHaveLength(1);
  });
});
