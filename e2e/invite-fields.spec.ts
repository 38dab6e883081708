import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seededAdmin, signIn, snapshot, uniqueEmail } from "./support/fixtures";

/** Issue 15's fields in a browser: a personal message, a link copied instead of emailed, a link kept to some domains. */

type OutboxEmail = { subject: string; html: string; text: string };

async function outboxFor(request: APIRequestContext, email: string): Promise<OutboxEmail[]> {
  return (await (await request.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()).emails;
}

/** An address at `domain` no other story uses. */
const addressAt = (domain: string, label: string) => uniqueEmail(label).replace("@example.com", `@${domain}`);

/** From the accept page of a pending invitation, signed out: a new account with `email`, which lands back on the page. */
async function signUpFromInvitation(page: Page, email: string, name: string) {
  await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=/);
  await page.getByLabel("Name").fill(name);
  const emailField = page.getByLabel("Email");
  if ((await emailField.getAttribute("readonly")) === null) await emailField.fill(email);
  await expect(emailField).toHaveValue(email.toLowerCase());
  await page.getByLabel("Password").fill("fields-e2e-password");
  await page.getByRole("button", { name: "Create account" }).click();
}

/** On the accept page, an unverified account asks for a new verification link and follows it back to the page. */
async function verifyFromInvitation(page: Page, admin: APIRequestContext, email: string) {
  await expect(page.getByText("Verify your email address to accept this invitation.")).toBeVisible();
  await page.getByRole("button", { name: "Send a new verification link" }).click();
  await expect(page.getByText(`We sent a new link to ${email.toLowerCase()}.`)).toBeVisible();
  const [verification] = await outboxFor(admin, email.toLowerCase());
  expect(verification?.subject).toBe("Verify your email address");
  await page.goto(verification!.text.match(/https?:\/\/\S+\/api\/auth\/verify-email\?token=\S+/)![0]);
  await expect(page).toHaveURL(/\/invite\/[A-Za-z0-9_-]+$/);
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });
    // Each story is two or three people's (sign-ups, a verification, the admin's form): well over 30 s on a busy 2-core machine.
    test.describe.configure({ timeout: 120_000 });

    test("an admin's message with <script> and & in it reaches the invitee as text, in the email and on the accept page", async ({
      page,
      browser,
    }, testInfo) => {
      const message = "Hi <script>window.pwned = true</script> & welcome!\nSee you on <b>Monday</b>.";
      await signIn(page, seededAdmin);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto("/dashboard/invites");
      const email = uniqueEmail("noted");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByText("Can manage content", { exact: true }).click();
      const note = page.getByLabel("Personal message (optional)");
      await note.fill(message);
      await expect(page.getByTestId("message-count")).toHaveText(`${message.length} / 500`);
      await expect(note).toHaveAttribute("maxlength", "500");
      await snapshot(page, testInfo, `invite-form-message-${width}`);
      await page.getByRole("button", { name: "Send Invitation" }).click();
      await expect(page.getByText(`Invitation sent to ${email} with Moderator role!`)).toBeVisible();
      await expect(page.getByTestId("message-count")).toHaveText("0 / 500");

      const [sent] = await outboxFor(page.request, email);
      expect(sent!.html).not.toContain("<script>");
      expect(sent!.html).toContain(
        "Hi &lt;script&gt;window.pwned = true&lt;/script&gt; &amp; welcome!<br/>See you on &lt;b&gt;Monday&lt;/b&gt;.",
      );
      expect(sent!.text).toMatch(/Ada Admin wrote:\n+Hi <script>/);
      expect(sent!.text).toContain(message);

      const invitee = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await invitee.goto(sent!.text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)![0]);
      await expect(invitee.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
      await expect(invitee.getByText("Ada Admin wrote:")).toBeVisible();
      // The text as written, its line break kept, and nothing of it run or rendered as markup.
      await expect(invitee.getByTestId("invitation-message")).toHaveText(message, { useInnerText: true });
      await expect(invitee.getByTestId("invitation-message").locator("script, b")).toHaveCount(0);
      expect(await invitee.evaluate(() => "pwned" in window)).toBe(false);
      await snapshot(invitee, testInfo, `invite-page-message-${width}`);
      await invitee.context().close();
    });

    test("Copy link instead of emailing sends no email, and the link works for the invitee", async ({ page, browser }, testInfo) => {
      await signIn(page, seededAdmin);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto("/dashboard/invites");
      const copyLink = page.getByLabel("Copy link instead of emailing");
      const domains = page.getByLabel("Only people at these domains");
      // Each choice applies to one kind of invitation: the other is off while it does not apply.
      await expect(copyLink).toBeEnabled();
      await expect(domains).toBeDisabled();
      await page.getByText("Anyone with the link", { exact: true }).click();
      await expect(copyLink).toBeDisabled();
      await expect(domains).toBeEnabled();
      await expect(page.getByLabel("Email", { exact: true })).toBeDisabled();
      await page.getByText("One person", { exact: true }).click();
      const email = uniqueEmail("handed");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await expect(copyLink).toBeEnabled();
      await expect(domains).toBeDisabled();
      await page.getByText("Can manage content", { exact: true }).click();
      await copyLink.check();
      await page.getByRole("button", { name: "Send Invitation" }).click();
      await expect(
        page.getByText(
          `Invitation for ${email} created with Moderator role. No email was sent: copy the link and send it to them yourself. It is shown only once.`,
        ),
      ).toBeVisible();
      const link = (await page.getByTestId("shareable-invite").textContent())!.trim();
      expect(link).toMatch(/^https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+$/);
      await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
      await snapshot(page, testInfo, `invite-copied-link-${width}`);
      expect(await outboxFor(page.request, email)).toEqual([]);

      // The admin passes the link on. The invitee creates their account through it, proves the address (the link did
      // not come through their inbox), and accepts.
      const invitee = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await invitee.goto(link);
      await expect(invitee.getByRole("heading", { name: "You're invited as Moderator" })).toBeVisible();
      await signUpFromInvitation(invitee, email, "Handed Link");
      await expect(invitee).toHaveURL(/\/invite\/[A-Za-z0-9_-]+$/);
      await verifyFromInvitation(invitee, page.request, email);
      await invitee.getByRole("button", { name: "Accept as Moderator" }).click();
      await expect(invitee.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
      expect(
        (await outboxFor(page.request, email)).map((sent) => sent.subject).every((subject) => subject === "Verify your email address"),
      ).toBe(true);
      await invitee.context().close();
    });

    test("a shareable link kept to a domain refuses an account at another domain and accepts one at the domain", async ({
      page,
      browser,
    }, testInfo) => {
      const domain = `acme-${Math.random().toString(36).slice(2, 8)}.test`;
      await signIn(page, seededAdmin);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.goto("/dashboard/invites");
      await page.getByText("Anyone with the link", { exact: true }).click();
      await page.getByText("Can manage content", { exact: true }).click();
      await page.getByLabel("Only people at these domains").fill(`not_a_domain, @${domain.toUpperCase()}`);
      await page.getByRole("button", { name: "Send Invitation" }).click();
      await expect(page.getByText("“not_a_domain” is not a domain name: write each like example.com.")).toBeVisible();
      await expect(page.getByLabel("Only people at these domains")).toHaveAttribute("aria-invalid", "true");
      await page.getByLabel("Only people at these domains").fill(`@${domain.toUpperCase()}`);
      await page.getByText("Advanced settings").click();
      await page.getByLabel("Max uses").fill("5");
      await page.getByRole("button", { name: "Send Invitation" }).click();
      await expect(
        page.getByText(`Shareable link created with Moderator role, for people at ${domain}. Copy it now: it is shown only once.`),
      ).toBeVisible();
      const link = (await page.getByTestId("shareable-invite").textContent())!.trim();

      // Someone at another domain: the page says who may accept before they try, and signing up through it is refused.
      const outsider = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await outsider.goto(link);
      await expect(outsider.getByTestId("invitation-domains")).toHaveText(
        `Only people with a verified email address at ${domain} can accept it.`,
      );
      await snapshot(outsider, testInfo, `invite-page-domains-${width}`);
      const elsewhere = uniqueEmail("outsider");
      await signUpFromInvitation(outsider, elsewhere, "Out Sider");
      await expect(outsider.getByRole("main").getByRole("alert")).toHaveText(
        "This invitation is only for people with a verified address at certain domains, and yours is not one of them.",
      );
      // Signed in with an account at another domain (made without the invitation), the page says so, with no Accept button.
      await outsider.context().clearCookies();
      await outsider.goto("/sign-up");
      await outsider.getByLabel("Name").fill("Out Sider");
      await outsider.getByLabel("Email").fill(elsewhere);
      await outsider.getByLabel("Password").fill("fields-e2e-password");
      await outsider.getByRole("button", { name: "Create account" }).click();
      await expect(outsider).toHaveURL(/\/dashboard$/);
      await outsider.goto(link);
      await expect(outsider.getByRole("main").getByRole("alert")).toContainText(
        `This invitation is only for people with a verified address at certain domains, and yours is not one of them. You are signed in as ${elsewhere}`,
      );
      await expect(outsider.getByRole("button", { name: /Accept as/ })).toHaveCount(0);
      await snapshot(outsider, testInfo, `invite-page-wrong-domain-${width}`);
      await outsider.context().close();

      // Someone at the domain signs up through the link, verifies the address, and accepts.
      const insider = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await insider.goto(link);
      const email = addressAt(domain, "insider");
      await signUpFromInvitation(insider, email, "In Sider");
      await expect(insider).toHaveURL(/\/invite\/[A-Za-z0-9_-]+$/);
      await verifyFromInvitation(insider, page.request, email);
      await insider.getByRole("button", { name: "Accept as Moderator" }).click();
      await expect(insider.getByRole("heading", { name: "You're now a Moderator!" })).toBeVisible();
      await insider.context().close();
    });
  });
}
