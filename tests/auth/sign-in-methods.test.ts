// The app's magic link and two-factor, through its own Better Auth configuration, mailer and outbox: an invitation
// comes along either way (the package's sign-in-methods.test.ts tells the same stories on every database it supports).
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, openLink, outboxFor, startAppWithAdmin } from "../support/invites";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";
import { totpCode } from "../harness/totp";

describe("signing in by magic link and with a second factor, with an invitation", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  /** What lib/actions/magic-link.ts asks for: back to the invitation's page, or the sign-in page if the link fails. */
  async function requestLink(jar: CookieJar, email: string, token: string, name?: string) {
    const next = `/invite/${token}`;
    const body = { email, name, callbackURL: next, errorCallbackURL: `/sign-in?via=magic-link&next=${encodeURIComponent(next)}` };
    const response = await app.request("/sign-in/magic-link", { body, jar });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await outboxFor(email)).emails[0]!;
  }

  const magicLinkIn = (text: string) => text.match(/http:\/\/localhost:3000\/api\/auth\/magic-link\/verify\?\S+/)?.[0];

  /** Opens a link to the auth handler as a browser would, keeping its cookies. */
  async function open(url: string, jar: CookieJar) {
    const response = await app.auth.handler(new Request(url, { headers: { cookie: jar.header() } }));
    jar.store(response);
    return response;
  }

  it("a newcomer invited by email asks for a sign-up link, which the outbox keeps; opening it creates the account with the role and leads to the welcome page", async () => {
    const email = uniqueEmail("magic-invitee");
    const { url, token } = await createInviteAs(app, admin, { role: "moderator", email });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const sent = await requestLink(jar, email, token, "Maggie Link");
    expect(sent.subject).toBe("Your sign-in link for Invite Kit");
    const link = magicLinkIn(sent.text);
    expect(link, sent.text).toBeDefined();
    // The token is stored hashed: the one in the link is not what the verification table holds.
    const linkToken = new URL(link!).searchParams.get("token")!;
    const context = await app.auth.$context;
    expect(await context.internalAdapter.findVerificationValue(`magic-link:${linkToken}`)).toBeNull();

    const response = await open(link!, jar);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost:3000/dashboard/role-upgraded");
    const { body } = await json(await app.request("/get-session", { jar }));
    expect(body.user).toMatchObject({ email, name: "Maggie Link", role: "moderator", emailVerified: true });
  });

  it("a sign-up link for another address than the private invitation's lands on the invitation's page with the code that says why, and signs nobody up", async () => {
    const { url, token } = await createInviteAs(app, admin, { role: "moderator", email: uniqueEmail("meant-for") });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const stranger = uniqueEmail("magic-stranger");
    const response = await open(magicLinkIn((await requestLink(jar, stranger, token, "Stranger")).text)!, jar);
    const location = new URL(response.headers.get("location")!);
    // The plugin's one rule for redirecting sign-ins: a refusal goes to the accept page, which says why.
    expect(location.pathname).toBe(`/invite/${token}`);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "EMAIL_MISMATCH" });
    const context = await app.auth.$context;
    expect(await context.internalAdapter.findUserByEmail(stranger)).toBeNull();
  });

  it("a link opened a second time lands on the sign-in page with the code that says why, leading back to the invitation", async () => {
    const { url, token } = await createInviteAs(app, admin, { role: "moderator", maxUses: 5 });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const email = uniqueEmail("magic-twice");
    const link = magicLinkIn((await requestLink(jar, email, token, "Twice")).text)!;
    expect((await open(link, jar)).status).toBe(302);
    const again = await open(link, new CookieJar());
    const location = new URL(again.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    // Better Auth's own code for a spent link, which the sign-in page words as the link's, not the invitation's.
    expect(Object.fromEntries(location.searchParams)).toEqual({ via: "magic-link", next: `/invite/${token}`, error: "INVALID_TOKEN" });
  });

  /** Turns TOTP on for a signed-in account, as the security page does: enable with the password, confirm with a code. */
  async function withTwoFactor(user: TestUser): Promise<string> {
    const { body } = await json(await app.request("/two-factor/enable", { body: { password: user.password }, jar: user.jar }));
    expect(body.totpURI).toMatch(/^otpauth:\/\/totp\/Invite%20Kit:/);
    const confirmed = await app.request("/two-factor/verify-totp", { body: { code: totpCode(body.totpURI) }, jar: user.jar });
    expect(confirmed.status).toBe(200);
    return body.totpURI;
  }

  it("an account with two-factor on is sent no sign-in link, only an email that says to use the password and code", async () => {
    const user = await signedInUser(app, { label: "two-factor-no-link" });
    await withTwoFactor(user);
    const jar = new CookieJar();
    const response = await app.request("/sign-in/magic-link", { body: { email: user.email, callbackURL: "/dashboard" }, jar });
    expect(await json(response)).toEqual({ status: 200, body: { status: true } });
    const [sent] = (await outboxFor(user.email)).emails;
    expect(sent!.subject).toBe("Sign in to Invite Kit with your password");
    expect(magicLinkIn(sent!.text)).toBeUndefined();
    expect(sent!.text).toContain("http://localhost:3000/sign-in");
  });

  it("with two-factor on, the password step grants nothing and the code grants the invitation's role", async () => {
    const user = await signedInUser(app, { label: "two-factor-invitee" });
    const totpURI = await withTwoFactor(user);
    const { url } = await createInviteAs(app, admin, { role: "moderator", email: user.email });
    const jar = new CookieJar();
    await openLink(app, url, jar);
    const first = await json(await app.request("/sign-in/email", { body: { email: user.email, password: user.password }, jar }));
    expect(first).toMatchObject({ status: 200, body: { twoFactorRedirect: true } });
    expect(await roleOf(app, user.id)).toBe("user");
    const second = await json(await app.request("/two-factor/verify-totp", { body: { code: totpCode(totpURI) }, jar }));
    expect(second).toMatchObject({
      status: 200,
      body: { invite: { accepted: true, role: "moderator", redirectTo: "/dashboard/role-upgraded" } },
    });
    expect(await roleOf(app, user.id)).toBe("moderator");
  });
});
