import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, type TestApp, uniqueEmail } from "../support/app";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";
import { createInviteAs, inviteLinkIn, openLink, outboxFor, rowsOf, startAppWithAdmin } from "../support/invites";

describe("the app's invitation emails", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);

  it("invites an address with no account to create one, with the invite's link", async () => {
    const email = uniqueEmail("newcomer");
    const { url, token, invitation } = await invite({ role: "moderator", email });
    expect(invitation.newAccount).toBe(true);

    const { emails } = await outboxFor(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: email, subject: "You're invited as moderator!" });
    expect(emails[0]!.text).toContain("Create your account");
    expect(emails[0]!.text).toContain(url);
    expect(emails[0]!.html).toContain(`href="${url}"`);
    expect(inviteLinkIn(emails[0]!.text)).toEqual({ link: url, token });
  });

  it("invites an existing user to the new role, without saying it is theirs before they accept, with a link to activate it", async () => {
    const existing = await signedInUser(app, { label: "upgraded" });
    const { url, token, invitation } = await invite({ role: "admin", email: existing.email });
    expect(invitation.newAccount).toBe(false);

    const { emails } = await outboxFor(existing.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: existing.email, subject: "Test admin invited you to become an admin on Invite Kit" });
    // Nothing is granted until the invitee accepts: neither the subject nor the text may say the role is already theirs.
    expect(`${emails[0]!.subject} ${emails[0]!.text}`).not.toMatch(/upgraded|gave you/i);
    expect(emails[0]!.text).toContain("Activate your new role");
    expect(emails[0]!.text).toContain("Hi Test user");
    expect(emails[0]!.text).not.toContain("Create your account");
    expect(inviteLinkIn(emails[0]!.text)).toEqual({ link: url, token });
  });

  it("names the inviter and never carries anyone's email but in the To line", async () => {
    const email = uniqueEmail("named");
    await invite({ role: "moderator", email });
    const [sent] = (await outboxFor(email)).emails;
    expect(sent!.text).toContain("Test admin invited you");
    expect(sent!.text).not.toContain(admin.email);
    expect(sent!.html).not.toContain(admin.email);
  });

  it("shows the inviter's message as text, attributed to them, in the HTML and the plain-text part of either email", async () => {
    const message = "Hi <script>alert('x')</script> & welcome,\nsee you on <b>Monday</b>!";
    const existing = await signedInUser(app, { label: "noted-upgrade" });
    for (const email of [uniqueEmail("noted"), existing.email]) {
      await invite({ role: "admin", email, message });
      const [sent] = (await outboxFor(email)).emails;
      expect(sent!.html).not.toContain("<script>");
      expect(sent!.html).not.toContain("<b>");
      expect(sent!.html).toContain(
        "Hi &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; welcome,<br/>see you on &lt;b&gt;Monday&lt;/b&gt;!",
      );
      // Plain text is not HTML: the message reads there exactly as it was written, after its attribution.
      expect(sent!.text).toMatch(/Test admin wrote:\n+Hi <script>/);
      expect(sent!.text).toContain(message);
      expect(sent!.text).not.toContain("&lt;");
    }
  });

  it("leaves the message out when there is none", async () => {
    const email = uniqueEmail("unnoted");
    await invite({ role: "moderator", email });
    expect((await outboxFor(email)).emails[0]!.text).not.toContain("wrote:");
  });

  it("leads a newcomer from the emailed link through sign-up to the invite's role", async () => {
    const email = uniqueEmail("follows-link");
    const { invitation } = await invite({ role: "moderator", email });
    const { link, token } = inviteLinkIn((await outboxFor(email)).emails[0]!.text);

    const jar = new CookieJar();
    const opened = await openLink(app, link, jar);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`/invite/${encodeURIComponent(token)}`);

    const { status, body } = await json(
      await app.request("/sign-up/email", { body: { name: "Nia", email, password: "nia-password-1" }, jar }),
    );
    expect(status).toBe(200);
    expect(body.invite).toEqual({ accepted: true, role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
    expect(body.user.emailVerified).toBe(true);
    // The emailed link proved the inbox: an account shown as verified gets no "Verify your email address" email.
    expect((await outboxFor(email)).emails.map((sent) => sent.subject)).toEqual(["You're invited as moderator!"]);
    expect(await roleOf(app, body.user.id)).toBe("moderator");
    const [row] = rowsOf<{ use_count: number; uses_left: number }>(
      await app.db.execute(sql`select use_count, uses_left from invite where id = ${invitation.id}`),
    );
    expect(row).toEqual({ use_count: 1, uses_left: 0 });
  });

  it("leads an existing user from the emailed link through sign-in to the new role", async () => {
    const existing = await signedInUser(app, { label: "signs-in" });
    await invite({ role: "admin", email: existing.email });
    const { link } = inviteLinkIn((await outboxFor(existing.email)).emails[0]!.text);

    const jar = new CookieJar();
    expect((await openLink(app, link, jar)).status).toBe(302);
    const { status, body } = await json(
      await app.request("/sign-in/email", { body: { email: existing.email, password: existing.password }, jar }),
    );
    expect(status).toBe(200);
    expect(body.invite).toMatchObject({ accepted: true, role: "admin", previousRole: "user" });
    expect(await roleOf(app, existing.id)).toBe("admin");
  });

  it("resends an invite to someone who has signed up since as a role upgrade, with a new link", async () => {
    const email = uniqueEmail("joined-meanwhile");
    const { token, invitation } = await invite({ role: "moderator", email });
    expect(invitation.newAccount).toBe(true);
    expect((await app.request("/sign-up/email", { body: { name: "Meg", email, password: "meg-password-1" } })).status).toBe(200);

    const resent = await json(await app.request("/invite/resend", { body: { id: invitation.id }, jar: admin.jar }));
    expect(resent).toMatchObject({ status: 200, body: { invitation: { newAccount: false } } });
    const invitations = (await outboxFor(email)).emails.filter((sent) => sent.subject !== "Verify your email address");
    expect(invitations.map((sent) => sent.subject).sort()).toEqual([
      "Test admin invited you to become a moderator on Invite Kit",
      "You're invited as moderator!",
    ]);
    const upgrade = invitations.find((sent) => sent.subject === "Test admin invited you to become a moderator on Invite Kit")!;
    expect(upgrade.text).toContain("Hi Meg");
    expect(upgrade.text).toContain("Activate your new role");
    expect(inviteLinkIn(upgrade.text).token).not.toBe(token);
  });

  it("sends no email for a public invite", async () => {
    const { token, url } = await invite({ role: "moderator" });
    const [mentions] = rowsOf<{ n: number }>(
      await app.db.execute(
        sql`select count(*)::int as n from outbox_email where text like ${`%${token}%`} or html like ${`%${token}%`} or text like ${`%${url}%`}`,
      ),
    );
    expect(mentions?.n).toBe(0);
  });
});
