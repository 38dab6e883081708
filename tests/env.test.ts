import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const production = { NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40), RESEND_API_KEY: "re_123" };

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("runs on embedded defaults with nothing set: PGlite in .data, the outbox, a development secret with a warning", () => {
    const env = parseEnv({});
    expect(env.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(env.email.transport).toBe("outbox");
    expect(env.betterAuthUrl).toBe("http://localhost:3000");
    expect(env.rateLimitEnabled).toBe(false);
    expect(env.betterAuthSecret.length).toBeGreaterThanOrEqual(32);
    expect(env.warnings.join()).toMatch(/BETTER_AUTH_SECRET/);
  });

  it("refuses to run in production without BETTER_AUTH_SECRET and names it", () => {
    expect(problemsOf({ NODE_ENV: "production", RESEND_API_KEY: "re_123" })).toEqual([
      expect.stringMatching(/^BETTER_AUTH_SECRET: required in production/),
    ]);
  });

  it("lets `next build` run without the secret, since the build signs nothing", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  it("refuses the development secret in production", () => {
    const { betterAuthSecret } = parseEnv({});
    expect(problemsOf({ NODE_ENV: "production", BETTER_AUTH_SECRET: betterAuthSecret, RESEND_API_KEY: "re_123" })).toHaveLength(1);
  });

  it("never falls back to the outbox in production: it needs RESEND_API_KEY, or the outbox asked for by name", () => {
    const { RESEND_API_KEY: _key, ...withoutKey } = production;
    expect(problemsOf(withoutKey)).toEqual([expect.stringMatching(/^RESEND_API_KEY: required in production/)]);
    const explicit = parseEnv({ ...withoutKey, EMAIL_TRANSPORT: "outbox" });
    expect(explicit.email.transport).toBe("outbox");
    expect(explicit.warnings).toContainEqual(expect.stringMatching(/not sent; admins read them at \/dev\/outbox/));
    expect(parseEnv({}).email.transport).toBe("outbox");
  });

  it("uses PostgreSQL when DATABASE_URL is set, and rejects URLs that are not postgres", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@127.0.0.1:5432/app" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u@127.0.0.1:5432/app",
    });
    expect(problemsOf({ DATABASE_URL: "mysql://localhost/app" })).toEqual([expect.stringMatching(/^DATABASE_URL:/)]);
  });

  it("shares sessions and rate limits through Redis only when REDIS_URL is set, and rejects URLs that are not redis", () => {
    expect(parseEnv({}).redisUrl).toBeNull();
    expect(parseEnv({ REDIS_URL: "" }).redisUrl).toBeNull();
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379/2" }).redisUrl).toBe("redis://127.0.0.1:6379/2");
    expect(parseEnv({ REDIS_URL: "rediss://default:secret@cache.example.com:6380" }).redisUrl).toBe(
      "rediss://default:secret@cache.example.com:6380",
    );
    expect(problemsOf({ REDIS_URL: "http://127.0.0.1:6379" })).toEqual([
      expect.stringMatching(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/),
    ]);
    expect(problemsOf({ REDIS_URL: "127.0.0.1:6379" })).toEqual([expect.stringMatching(/^REDIS_URL:/)]);
  });

  it("picks Resend when an API key is set, and needs the key when Resend is asked for", () => {
    expect(parseEnv({ RESEND_API_KEY: "re_123" }).email).toMatchObject({ transport: "resend", resendApiKey: "re_123" });
    expect(parseEnv({ RESEND_API_KEY: "re_123", EMAIL_TRANSPORT: "outbox" }).email.transport).toBe("outbox");
    expect(problemsOf({ EMAIL_TRANSPORT: "resend" })).toEqual([expect.stringMatching(/^RESEND_API_KEY:/)]);
    expect(problemsOf({ EMAIL_TRANSPORT: "carrier-pigeon" })).toEqual([expect.stringMatching(/^EMAIL_TRANSPORT:/)]);
  });

  it("trusts no proxy unless TRUSTED_PROXIES lists them, by address or CIDR range, and names the entries that are neither", () => {
    expect(parseEnv({}).trustedProxies).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: "" }).trustedProxies).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: " 10.0.0.5, 10.1.0.0/16,::1 , fd00::/8" }).trustedProxies).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "::1",
      "fd00::/8",
    ]);
    expect(problemsOf({ TRUSTED_PROXIES: "10.0.0.5, 10.0.0.256, 10.0.0.0/33, proxy.internal" })).toEqual([
      "TRUSTED_PROXIES: not an IP address or CIDR range: 10.0.0.256, 10.0.0.0/33, proxy.internal",
    ]);
  });

  it("turns rate limiting on in production unless RATE_LIMIT_ENABLED says otherwise", () => {
    expect(parseEnv(production).rateLimitEnabled).toBe(true);
    expect(parseEnv({ ...production, RATE_LIMIT_ENABLED: "false" }).rateLimitEnabled).toBe(false);
    expect(parseEnv({ RATE_LIMIT_ENABLED: "true" }).rateLimitEnabled).toBe(true);
    expect(problemsOf({ RATE_LIMIT_ENABLED: "sometimes" })).toEqual([expect.stringMatching(/^RATE_LIMIT_ENABLED: must be true or false/)]);
  });

  it("caps each inviter at 500 pending invitations unless INVITATION_LIMIT says another whole number, or none", () => {
    expect(parseEnv({}).invitationLimit).toBe(500);
    expect(parseEnv({ INVITATION_LIMIT: "40" }).invitationLimit).toBe(40);
    expect(parseEnv({ INVITATION_LIMIT: "none" }).invitationLimit).toBeNull();
    for (const bad of ["0", "2.5", "lots", "-3"])
      expect(problemsOf({ INVITATION_LIMIT: bad }), bad).toEqual([expect.stringMatching(/^INVITATION_LIMIT: must be a whole number/)]);
  });

  it("needs both seed admin variables or neither, and lower-cases the email", () => {
    expect(problemsOf({ SEED_ADMIN_EMAIL: "a@example.com" })).toEqual([expect.stringMatching(/SEED_ADMIN_PASSWORD/)]);
    expect(parseEnv({ SEED_ADMIN_EMAIL: "Admin@Example.com", SEED_ADMIN_PASSWORD: "long-enough" }).seedAdmin).toEqual({
      email: "admin@example.com",
      password: "long-enough",
    });
  });

  it("turns the reminders' cron route on with a CRON_SECRET of 16 characters or more, and off without one", () => {
    expect(parseEnv({}).cronSecret).toBeNull();
    expect(parseEnv({ CRON_SECRET: "" }).cronSecret).toBeNull();
    expect(parseEnv({ CRON_SECRET: "s".repeat(16) }).cronSecret).toBe("s".repeat(16));
    expect(problemsOf({ CRON_SECRET: "s".repeat(15) })).toEqual([expect.stringMatching(/^CRON_SECRET: must be at least 16 characters/)]);
  });

  it("reports every bad variable at once", () => {
    const problems = problemsOf({ BETTER_AUTH_URL: "not a url", SEED_ADMIN_EMAIL: "nope", PORT: "99999" });
    expect(problems.map((problem) => problem.split(":")[0]).sort()).toEqual(["BETTER_AUTH_URL", "PORT", "SEED_ADMIN_EMAIL"]);
  });

  it("turns on no identity provider by default, and each one with its id and secret", () => {
    expect(parseEnv({}).signInProviders).toEqual({ github: null, google: null, oidc: null });
    const env = parseEnv({
      GITHUB_CLIENT_ID: "gh-id",
      GITHUB_CLIENT_SECRET: "gh-secret",
      OIDC_ISSUER: "https://sso.example.com/",
      OIDC_CLIENT_ID: "oidc-id",
      OIDC_CLIENT_SECRET: "oidc-secret",
      OIDC_PROVIDER_NAME: "Acme SSO",
    });
    expect(env.signInProviders).toEqual({
      github: { clientId: "gh-id", clientSecret: "gh-secret" },
      google: null,
      oidc: {
        clientId: "oidc-id",
        clientSecret: "oidc-secret",
        discoveryUrl: "https://sso.example.com/.well-known/openid-configuration",
        name: "Acme SSO",
      },
    });
    expect(
      parseEnv({
        OIDC_DISCOVERY_URL: "https://id.example.com/realms/a/.well-known/openid-configuration",
        OIDC_CLIENT_ID: "i",
        OIDC_CLIENT_SECRET: "s",
      }).signInProviders.oidc,
    ).toMatchObject({ discoveryUrl: "https://id.example.com/realms/a/.well-known/openid-configuration", name: "SSO" });
  });

  it("stops at start on a provider's id without its secret, or the other way round, naming both", () => {
    expect(problemsOf({ GITHUB_CLIENT_ID: "gh-id" })).toEqual(["GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET: set both, or neither"]);
    expect(problemsOf({ GOOGLE_CLIENT_SECRET: "secret" })).toEqual(["GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET: set both, or neither"]);
    expect(problemsOf({ OIDC_CLIENT_ID: "i", OIDC_CLIENT_SECRET: "s" })).toEqual([expect.stringMatching(/^OIDC_ISSUER: required/)]);
    expect(problemsOf({ OIDC_ISSUER: "https://sso.example.com" })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/),
    ]);
    expect(problemsOf({ OIDC_ISSUER: "ftp://sso.example.com" })).toEqual([expect.stringMatching(/^OIDC_ISSUER: must be an http\(s\) URL/)]);
  });

  it("treats empty values as unset, as .env files mean them", () => {
    expect(parseEnv({ DATABASE_URL: "", RESEND_API_KEY: "" }).database.kind).toBe("pglite");
  });
});
