import { Client } from "./support/client";
import { expect, test } from "./support/fixtures";
import { seededAdmin } from "./support/server";

const staticHeaders = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

test.describe("security headers", () => {
  for (const path of ["/", "/sign-in", "/invite/ABC-123", "/dashboard", "/api/auth/ok", "/icon.svg"]) {
    test(`${path} is sent with nosniff, frame denial and a same-origin referrer policy`, async ({ client }) => {
      const response = await client.send(path);
      for (const [name, value] of Object.entries(staticHeaders)) expect(response.headers.get(name), name).toBe(value);
    });
  }

  test("every page gets a strict Content-Security-Policy with a fresh nonce that its scripts carry", async ({ client }) => {
    const first = await client.send("/sign-in");
    const second = await client.send("/sign-in");
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toBeTruthy();
    const directives = Object.fromEntries(
      policy
        .split(";")
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'self'"]);
    expect(directives["form-action"]).toEqual(["'self'"]);
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["script-src"]).not.toContain("'unsafe-eval'");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("the emailed link tells the browser to send no Referer at all", async ({ client }) => {
    const response = await client.api("/invite/some-token");
    expect(response.status).toBe(302);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("pages work under the policy in a real browser: no violation, and forms still run their JavaScript", async ({ page, server }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Hydrated: the action answers in place, without a full page post.
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await page.goto(`${server.url}/invite`);
    // The outbox, with its sandboxed frames, is the admin's to read in production.
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(seededAdmin.email);
    await page.getByLabel("Password").fill(seededAdmin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`${server.url}/dev/outbox`);
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("a page cannot be framed by another site", async ({ page, server }) => {
    await page.setContent(`<iframe id="frame" src="${server.url}/sign-in"></iframe>`);
    const frame = page.frameLocator("#frame");
    await expect(frame.getByRole("button", { name: "Sign in" })).toHaveCount(0, { timeout: 3000 });
  });

  test("the session and invitation cookies are out of scripts' reach and stay home on cross-site requests", async ({ client, server }) => {
    const link = await client.send("/api/auth/invite/some-token");
    const signIn = await new Client(server.url).api("/sign-in/email", { body: seededAdmin });
    const cookies = [...link.headers.getSetCookie(), ...signIn.headers.getSetCookie()];
    expect(cookies.some((cookie) => cookie.includes("session_token"))).toBe(true);
    expect(cookies.some((cookie) => /invite/i.test(cookie.split("=")[0]!))).toBe(true);
    for (const cookie of cookies) {
      expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie, cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    }
  });
});
