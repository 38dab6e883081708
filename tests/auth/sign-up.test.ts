import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, startTestApp, type TestApp, uniqueEmail } from "../support/app";
import { outboxFor } from "../support/invites";

describe("sign-up and sign-in through the real auth handler", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it("gives a new account the user role and a session", async () => {
    const jar = new CookieJar();
    const email = uniqueEmail("signup");
    const response = await app.request("/sign-up/email", {
      body: { name: "Sam", email, password: "sam-password" },
      jar,
    });
    expect(response.status).toBe(200);

    const session = await (await app.request("/get-session", { jar })).json();
    expect(session.user).toMatchObject({ email, name: "Sam", role: "user", emailVerified: false });
  });

  it("ignores a role the client tries to choose at sign-up", async () => {
    const email = uniqueEmail("escalate");
    const response = await app.request("/sign-up/email", {
      body: { name: "Mallory", email, password: "mallory-password", role: "admin" },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "FIELD_NOT_ALLOWED" });
    const context = await app.auth.$context;
    expect(await context.internalAdapter.findUserByEmail(email)).toBeNull();
  });

  it("sends a verification email through the mailer, and its link verifies the address", async () => {
    const jar = new CookieJar();
    const email = uniqueEmail("verify");
    await app.request("/sign-up/email", { body: { name: "Vic", email, password: "vic-password-1" }, jar });

    const { emails } = await outboxFor(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: email, subject: "Verify your email address" });
    expect(emails[0]!.text).toMatch(/Hi Vic, confirm your email/i);
    const link = emails[0]!.text.match(/https?:\/\/\S+verify-email\?token=[^\s\]]+/)?.[0];
    expect(link).toBeDefined();

    const verified = await app.auth.handler(new Request(link!, { headers: { cookie: jar.header() } }));
    expect(verified.status).toBe(302);
    jar.store(verified);
    const session = await (await app.request("/get-session", { jar })).json();
    expect(session.user.emailVerified).toBe(true);
  });

  it("signs in with the right password, case-insensitively on the email, and refuses a wrong one with a code", async () => {
    const email = uniqueEmail("signin");
    await app.request("/sign-up/email", { body: { name: "Ines", email, password: "ines-password" } });

    const ok = await app.request("/sign-in/email", { body: { email: email.toUpperCase(), password: "ines-password" } });
    expect(ok.status).toBe(200);

    const wrong = await app.request("/sign-in/email", { body: { email, password: "nope-nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  });

  it("answers bad input with a 4xx and a code, never a 500", async () => {
    const cases: unknown[] = [
      { name: "x", email: "not-an-email", password: "long-enough" },
      { name: "x", email: uniqueEmail("short"), password: "short" },
      { email: uniqueEmail("noname"), password: "long-enough" },
      ["an", "array"],
      { name: { $ne: null }, email: uniqueEmail("nosql"), password: "long-enough" },
    ];
    for (const body of cases) {
      const response = await app.request("/sign-up/email", { body });
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
      expect(await response.json()).toHaveProperty("code");
    }
  });
});
