import { expect, test } from "./support/fixtures";

// Every way a redirect target reaches the app from outside: a `next` parameter, a callback URL, an invitation's stored target.
const hostile = [
  "https://evil.example/",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  " //evil.example",
  "https:evil.example",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "http://localhost@evil.example/",
];

/** Where a response sends the browser: a Location header, or a server action's x-action-redirect. */
function redirectTarget(response: Response): string | null {
  const action = response.headers.get("x-action-redirect");
  if (action) return action.split(";")[0]!;
  return response.headers.get("location");
}

/**
 * Targets a Location header cannot carry as they are (a header value is Latin-1 at most): U+2215, the
 * division slash, reads as `/` to a person, so `/∕∕evil.example` looks protocol-relative without being so.
 */
const outsideLatin1 = ["/∕∕evil.example", "/∕x", "/dashboard?greeting=€", "/invite/🙂#☃"];

/** A redirect target that every header and every browser carries unchanged: printable ASCII only. */
function expectHeaderSafe(target: string | null, base: string) {
  expectSameSite(target, base);
  expect(target).toMatch(/^[\x21-\x7e]+$/);
}

function expectSameSite(target: string | null, base: string) {
  expect(target).toBeTruthy();
  expect(new URL(target!, base).origin).toBe(new URL(base).origin);
  expect(target).not.toMatch(/^\s*(\/\/|\/\\|\\|[a-z][a-z0-9+.-]*:)/i);
}

test.describe("open redirects", () => {
  test("sign-in sends a hostile `next` to the dashboard instead", async ({ newUser, server }) => {
    const { client, email, password } = await newUser("user");
    for (const next of hostile) {
      await client.api("/sign-out", { body: {} });
      const response = await client.action("/sign-in", "signInAction", { email, password, next });
      expect(response.status, next).toBeLessThan(400);
      const target = redirectTarget(response);
      expectSameSite(target, server.url);
      expect(target, next).toBe("/dashboard");
    }
  });

  test("Better Auth refuses a callback URL on another site", async ({ newUser }) => {
    const { client, email, password } = await newUser("user");
    for (const callbackURL of ["https://evil.example/", "//evil.example"]) {
      const response = await client.api("/sign-in/email", { body: { email, password, callbackURL } });
      expect(response.status, callbackURL).toBe(403);
      expect((await response.json()).code).toMatch(/CALLBACK/);
    }
  });

  test("an invitation cannot be created to send its invitee to another site after accepting", async ({ admin }) => {
    for (const redirectToAfterUpgrade of hostile) {
      const response = await admin.api("/invite/create", { body: { role: "user", redirectToAfterUpgrade } });
      expect(response.status, redirectToAfterUpgrade).toBe(400);
      expect((await response.json()).code).toBeTruthy();
    }
  });

  test("activating refuses a callback URL on another site", async ({ admin, newUser }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "user" } })).json();
    const { client } = await newUser("user");
    for (const callbackURL of ["https://evil.example/", "//evil.example"]) {
      const response = await client.api("/invite/activate", { body: { token: created.token, callbackURL } });
      expect(response.status, callbackURL).toBeGreaterThanOrEqual(400);
      expect(response.status, callbackURL).toBeLessThan(500);
    }
  });

  test("the emailed link only ever leads to this site's accept page, whatever its token holds", async ({ client, server }) => {
    for (const token of ["%2F%2Fevil.example", "..%2F..%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%5C%5Cevil.example"]) {
      const response = await client.send(`/api/auth/invite/${token}`);
      expect(response.status, token).toBe(302);
      const target = response.headers.get("location");
      expectSameSite(target, server.url);
      expect(new URL(target!, server.url).pathname, token).toMatch(/^\/invite\//);
    }
  });

  test("the sign-in page does not echo a hostile `next` into a link or a form", async ({ client }) => {
    for (const next of hostile) {
      const html = await (await client.send(`/sign-in?next=${encodeURIComponent(next)}`)).text();
      // (Next's router state carries the query string itself, as data; what matters is every link and field.)
      expect(html, next).not.toMatch(/(href|action|value|formAction)="[^"]*(evil\.example|javascript:|data:text)/i);
      expect(html, next).not.toMatch(/\\"next\\":\\"(?!\$undefined)/);
    }
  });

  test("a signed-in visitor with a `next` outside Latin-1 on the sign-in page is redirected on this site, never a 5xx", async ({
    newUser,
    server,
  }) => {
    const { client } = await newUser("user");
    for (const next of outsideLatin1) {
      const response = await client.send(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(response.status, next).toBeGreaterThanOrEqual(300);
      expect(response.status, next).toBeLessThan(400);
      expectHeaderSafe(redirectTarget(response), server.url);
    }
    const response = await client.send(`/sign-in?next=${encodeURIComponent("/∕∕evil.example")}`);
    expect(redirectTarget(response)).toBe("/%E2%88%95%E2%88%95evil.example");
  });

  test("signing in with a `next` outside Latin-1 creates the session and redirects on this site, never a 5xx", async ({
    newUser,
    server,
  }) => {
    const { client, email, password } = await newUser("user");
    for (const next of outsideLatin1) {
      await client.api("/sign-out", { body: {} });
      const response = await client.action("/sign-in", "signInAction", { email, password, next });
      expect(response.status, next).toBeLessThan(400);
      expectHeaderSafe(redirectTarget(response), server.url);
      expect((await (await client.api("/get-session")).json())?.user?.email, next).toBe(email);
    }
    await client.api("/sign-out", { body: {} });
    const response = await client.action("/sign-in", "signInAction", { email, password, next: "/∕∕evil.example" });
    expect(redirectTarget(response)).toBe("/%E2%88%95%E2%88%95evil.example");
  });

  test("accepting, by form, an invitation whose target is outside Latin-1 grants the role and redirects on this site, never a 5xx", async ({
    admin,
    newUser,
    server,
  }) => {
    const created = await admin.api("/invite/create", { body: { role: "moderator", redirectToAfterUpgrade: "/∕x" } });
    expect(created.status).toBe(200);
    const { token } = (await created.json()) as { token: string };
    const { client } = await newUser("user");
    const response = await client.action(`/invite/${token}`, "acceptInviteAction", { token });
    // The role is committed before the redirect is made: a 5xx here would tell the invitee it failed when it did not.
    expect(response.status).toBeLessThan(400);
    expect((await (await client.api("/get-session")).json()).user.role).toBe("moderator");
    const target = redirectTarget(response);
    expectHeaderSafe(target, server.url);
    expect(target).toBe("/%E2%88%95x");
  });

  test("the plugin stores a target outside Latin-1 percent-encoded, and refuses one that cannot be encoded", async ({ admin }) => {
    const created = await (await admin.api("/invite/create", { body: { role: "user", redirectToAfterUpgrade: "/∕x?q=é" } })).json();
    const { invitations } = await (await admin.api("/invite/list")).json();
    const stored = invitations.find((invitation: { id: string }) => invitation.id === created.invitation.id);
    expect(stored.redirectToAfterUpgrade).toBe("/%E2%88%95x?q=%C3%A9");
    // A lone surrogate has no UTF-8 form: JSON can carry one, a redirect cannot.
    const refused = await admin.api("/invite/create", {
      body: '{"role":"user","redirectToAfterUpgrade":"/\\ud800x"}',
      headers: { "content-type": "application/json" },
    });
    expect(refused.status).toBe(400);
  });

  test("a verification link whose callbackURL is outside Latin-1 verifies the address and redirects on this site, never a 5xx", async ({
    admin,
    newUser,
    server,
  }) => {
    const { client, email } = await newUser("user");
    expect((await client.api("/send-verification-email", { body: { email, callbackURL: "/∕x" } })).status).toBe(200);
    const { emails } = (await (await admin.send(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
      emails: { text: string }[];
    };
    const link = new URL(/https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(emails[0]!.text)![0]);
    // As emailed, and as a hand-edited link would carry it, raw in the query string.
    const edited = new URL(link);
    edited.searchParams.set("callbackURL", "/∕x");
    for (const url of [link, edited]) {
      const response = await client.send(url.pathname + url.search);
      expect(response.status, url.search).toBeGreaterThanOrEqual(300);
      expect(response.status, url.search).toBeLessThan(400);
      expectHeaderSafe(response.headers.get("location"), server.url);
    }
    expect((await (await client.api("/get-session")).json()).user.emailVerified).toBe(true);
  });

  test("a callbackURL on this site that a redirect cannot carry is refused when the email is sent, not after the address is verified", async ({
    newUser,
    server,
  }) => {
    const { client, email } = await newUser("user");
    // Browsers and URL parsers drop CR, LF and tab, so Better Auth sees this site's origin and would trust it.
    for (const callbackURL of [`${server.url}/dashboard\r\nx`, `${server.url}/dash\tboard`]) {
      const response = await client.api("/send-verification-email", { body: { email, callbackURL } });
      expect(response.status, JSON.stringify(callbackURL)).toBe(403);
      expect((await response.json()).code, JSON.stringify(callbackURL)).toBe("INVALID_CALLBACK_URL");
    }
  });
});
