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
});
