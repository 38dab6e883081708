// Signing up or in through an OpenID Connect provider (genericOAuth, a real provider on loopback) with the invite
// cookie: the callback, a GET the browser follows, accepts the invitation and redirects where it says, or to its page.
import { genericOAuth } from "better-auth/plugins";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { CookieJar } from "../support/http";
import { type Instance, ORIGIN, type Person, startInstance, uniqueEmail } from "../support/instance";
import { type OidcProvider, startOidcProvider } from "../support/oidc-provider";
import { describeTargets, targets, useDatabase } from "../support/targets";

const PROVIDER_ID = "test-sso";
const WELCOME = "/welcome-after-invite";

let provider: OidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: `${ORIGIN}/api/auth/callback/${PROVIDER_ID}` });
});
afterAll(async () => {
  await provider.stop();
});

/** Follows the provider's redirects as a browser does, with the provider's own cookies, up to the app's callback. */
async function signInAtProvider(authorizationUrl: string, email: string): Promise<string> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(`${ORIGIN}/`)) return url;
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    jar.store(response);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      method = "GET";
      body = undefined;
      continue;
    }
    // The sign-in page: type the address, as the person would.
    const action = /<form method="post" action="([^"]+)"/.exec(await response.text())?.[1];
    expect(action, `the provider's sign-in page at ${url}`).toBeDefined();
    url = new URL(action ?? "", url).toString();
    method = "POST";
    body = new URLSearchParams({ email }).toString();
  }
  throw new Error("The provider never redirected back to the app");
}

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  beforeAll(async () => {
    app = await startInstance(
      database(),
      { defaultRedirectAfterUpgrade: WELCOME },
      {
        after: [
          genericOAuth({
            config: [
              {
                providerId: PROVIDER_ID,
                discoveryUrl: provider.discoveryUrl,
                clientId: provider.clientId,
                clientSecret: provider.clientSecret,
                scopes: ["openid", "email", "profile"],
              },
            ],
          }),
        ],
      },
    );
    admin = await app.user("admin");
  });

  /** A person at the provider, with an address it did or did not verify. */
  function providerAccount(label: string, emailVerified = true, email = uniqueEmail(label)) {
    provider.accounts.set(email, { email, name: `Provider ${label}`, emailVerified });
    return email;
  }

  /** The whole round trip: the sign-in button's POST, the provider's page, and the callback's redirect (its Location). */
  async function continueWithProvider(jar: CookieJar, email: string): Promise<string> {
    const started = await app.call("/sign-in/social", {
      body: { provider: PROVIDER_ID, callbackURL: "/dashboard", errorCallbackURL: "/sign-in" },
      jar,
    });
    expect(started.status, started.text).toBe(200);
    const { url } = z.object({ url: z.string() }).parse(started.body);
    const callback = await app.send(await signInAtProvider(url, email), { jar });
    expect(callback.status).toBe(302);
    return callback.headers.get("location") ?? "";
  }

  /** A browser that opened the emailed link: the invite cookie is in its jar. */
  async function openedLink(url: string): Promise<CookieJar> {
    const jar = new CookieJar();
    await app.openLink(url, jar);
    expect(jar.has("invite_token")).toBe(true);
    return jar;
  }

  const session = (jar: CookieJar) => app.call("/get-session", { jar });

  it("signs up a new account through the provider, accepts the private invitation, and redirects to the invitation's page after", async () => {
    const email = providerAccount("newcomer");
    const { invitation, url } = await app.createInvite(admin, { role: "moderator", email });
    const jar = await openedLink(url);

    expect(await continueWithProvider(jar, email)).toBe(WELCOME);
    const user = await app.findUserByEmail(email);
    expect(user).toMatchObject({ role: "moderator", emailVerified: true });
    expect(await session(jar)).toMatchObject({ status: 200, body: { user: { email, role: "moderator" } } });
    expect(await app.usesOf(invitation.id)).toMatchObject([{ usedByUserId: user?.id, previousRole: "user", newRole: "moderator" }]);
    expect(jar.has("invite_token")).toBe(false);
  });

  it("signs in an existing account through the provider (linked by its verified address) and grants it the role", async () => {
    const member = await app.user("user");
    providerAccount("member", true, member.email);
    const { url } = await app.createInvite(admin, { role: "moderator", email: member.email });
    const jar = await openedLink(url);

    expect(await continueWithProvider(jar, member.email)).toBe(WELCOME);
    expect(await app.roleOf(member.id)).toBe("moderator");
  });

  it("refuses a sign-up whose provider address is not the private invitation's, creates no account, and redirects to the invitation's page", async () => {
    const invited = uniqueEmail("invited");
    const other = providerAccount("other");
    const { token, invitation, url } = await app.createInvite(admin, { role: "moderator", email: invited });
    const jar = await openedLink(url);
    const providerAccounts = () => app.adapter.count({ model: "account", where: [{ field: "providerId", value: PROVIDER_ID }] });
    const before = await providerAccounts();

    expect(await continueWithProvider(jar, other)).toBe(`/invite/${token}?error=EMAIL_MISMATCH`);
    expect(await app.findUserByEmail(other)).toBeNull();
    expect(await providerAccounts()).toBe(before);
    expect((await session(jar)).body).toBeNull();
    expect(await app.invitation(invitation.id)).toMatchObject({ status: "pending", useCount: 0 });
    // The cookie stays: the invitee may go on with the right account.
    expect(jar.has("invite_token")).toBe(true);
  });

  it("takes the provider's word on the address: an unverified one gets an account, unverified, and the invitation is refused", async () => {
    const email = providerAccount("unverified", false);
    const { token, invitation, url } = await app.createInvite(admin, { role: "moderator", email });
    const jar = await openedLink(url);

    expect(await continueWithProvider(jar, email)).toBe(`/invite/${token}?error=EMAIL_NOT_VERIFIED`);
    expect(await app.findUserByEmail(email)).toMatchObject({ role: "user", emailVerified: false });
    expect(await app.invitation(invitation.id)).toMatchObject({ status: "pending", useCount: 0 });
    expect(await app.usesOf(invitation.id)).toEqual([]);
  });

  it("accepts a shareable invitation for any provider account, and leaves a sign-in without the cookie as it was", async () => {
    const { invitation, url } = await app.createInvite(admin, { role: "moderator", maxUses: 5 });
    const first = providerAccount("sharer", false);
    expect(await continueWithProvider(await openedLink(url), first)).toBe(WELCOME);
    expect(await app.findUserByEmail(first)).toMatchObject({ role: "moderator" });

    const plain = providerAccount("plain");
    expect(await continueWithProvider(new CookieJar(), plain)).toBe("/dashboard");
    expect(await app.findUserByEmail(plain)).toMatchObject({ role: "user" });
    expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 1 });
  });
});
