import { expect, test } from "@playwright/test";
import { expectRole, seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("a shareable link with 2 uses: the third person sees that no uses are left", async ({ page, browser }, testInfo) => {
  // Four people's stories in one (three sign-ups, two accepts, the admin's table): over 30 s on a busy 2-core machine.
  test.setTimeout(90_000);
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("");
  await page.getByText("Anyone with the link", { exact: true }).click();
  await page.getByText("Can manage content", { exact: true }).click();
  await page.getByText("Advanced settings").click();
  await page.getByLabel("Max uses").fill("2");
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByText("Shareable link created with Moderator role. Copy it now: it is shown only once.")).toBeVisible();
  const link = (await page.getByTestId("shareable-invite").textContent())!.trim();
  expect(link).toMatch(/^https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+$/);
  await snapshot(page, testInfo, "shareable-link");

  const people = [uniqueEmail("share1"), uniqueEmail("share2"), uniqueEmail("share3")];
  const nameOf = (email: string) => `Sharer ${email.split("@")[0]}`;
  for (const [index, email] of people.entries()) {
    const person = await (await browser.newContext()).newPage();
    await signUp(person, { name: nameOf(email), email, password: "shareable-password" });
    await expect(person).toHaveURL(/\/dashboard$/);
    await person.goto(link);
    await expect(person.getByRole("heading", { name: index < 2 ? "You're invited as Moderator" : "No uses left" })).toBeVisible();
    if (index < 2) {
      await person.getByRole("button", { name: "Accept as Moderator" }).click();
      await expect(person).toHaveURL(/\/dashboard\/role-upgraded$/);
      await expect(person.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
      await expectRole(person, "Moderator");
    } else {
      await expect(person.getByRole("main").getByRole("alert")).toHaveText(
        "No uses are left on this invitation: it has been used as many times as it allows.",
      );
      await expect(person.getByRole("button", { name: "Accept as Moderator" })).toHaveCount(0);
      await snapshot(person, testInfo, "no-uses-left");
      await person.goto("/dashboard");
      await expectRole(person, "User");
    }
    await person.context().close();
  }

  await page.reload();
  const row = page.getByTestId("invite-row").filter({ hasText: nameOf(people[0]!) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(0)).toHaveText("Shareable link");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Used");
  await expect(row.getByRole("cell").nth(3)).toHaveText("2/2");
  const usedBy = row.getByRole("cell").nth(6);
  await expect(usedBy).toContainText(nameOf(people[0]!));
  await expect(usedBy).toContainText(nameOf(people[1]!));
  await expect(usedBy).not.toContainText(nameOf(people[2]!));
});
