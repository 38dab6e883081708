import { z } from "zod";

/**
 * Every environment variable the app reads, parsed once. Nothing else in the
 * app touches `process.env`, so a typo or a missing secret fails here, at
 * start, with the variable's name — not later, deep inside a request.
 */

const DEVELOPMENT_SECRET = "invite-kit-development-secret-not-for-production";

// Empty strings in .env files mean "unset", as most tools treat them.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], {
    error: "must be true or false",
  })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

// Proxies in front of the app, by address or CIDR range, comma-separated: "10.0.0.5, 10.1.0.0/16".
const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    const invalid = entries.filter((entry) => !proxyAddress.safeParse(entry).success);
    if (invalid.length > 0) ctx.addIssue({ code: "custom", message: `not an IP address or CIDR range: ${invalid.join(", ")}` });
  });

const rawEnvSchema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"])),
  // Set by `next build`: the build renders pages but never signs or sends anything.
  NEXT_PHASE: optional(z.string()),
  PORT: optional(z.coerce.number().int().min(1).max(65535)),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })),
  PGLITE_DIR: optional(z.string()),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" })),
  BETTER_AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)")),
  BETTER_AUTH_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  EMAIL_TRANSPORT: optional(z.enum(["resend", "outbox"], { error: "must be resend or outbox" })),
  RESEND_API_KEY: optional(z.string()),
  EMAIL_FROM: optional(z.string()),
  SEED_ADMIN_EMAIL: optional(z.email({ error: "must be an email address" })),
  SEED_ADMIN_PASSWORD: optional(z.string().min(8, "must be at least 8 characters")),
  SEED_DEMO_ACCOUNTS: optional(flag),
  RATE_LIMIT_ENABLED: optional(flag),
  TRUSTED_PROXIES: optional(proxyList),
  INVITE_ONLY: optional(flag),
  // The bearer token of POST /api/cron/invite-reminders; unset, the route is off (404).
  CRON_SECRET: optional(z.string().min(16, "must be at least 16 characters (try `openssl rand -base64 32`)")),
  INVITATION_LIMIT: optional(
    z
      .string()
      .regex(/^(none|[1-9][0-9]{0,6})$/, "must be a whole number of at least 1, or none")
      .transform((value) => (value === "none" ? null : Number(value))),
  ),
  // Sign-in through an identity provider (lib/auth/sign-in-providers.ts): each is on when its id and secret are set.
  GITHUB_CLIENT_ID: optional(z.string()),
  GITHUB_CLIENT_SECRET: optional(z.string()),
  GOOGLE_CLIENT_ID: optional(z.string()),
  GOOGLE_CLIENT_SECRET: optional(z.string()),
  OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  OIDC_DISCOVERY_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  OIDC_CLIENT_ID: optional(z.string()),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_PROVIDER_NAME: optional(z.string().trim().min(1).max(40, "must be at most 40 characters")),
});

/** How many pending invitations one inviter may hold when INVITATION_LIMIT is not set: the dashboard shows what is left. */
export const DEFAULT_INVITATION_LIMIT = 500;

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  isDevelopment: boolean;
  port: number;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };
  /** Shared storage for sessions and rate limits across instances (lib/redis/client.ts); null keeps both in the database. */
  redisUrl: string | null;
  betterAuthSecret: string;
  betterAuthUrl: string;
  email: { transport: "resend"; from: string; resendApiKey: string } | { transport: "outbox"; from: string };
  seedAdmin: { email: string; password: string } | null;
  seedDemoAccounts: boolean;
  rateLimitEnabled: boolean;
  /**
   * The proxies whose X-Forwarded-For hops are believed (Better Auth's advanced.ipAddress.trustedProxies):
   * a client's address is the first hop from the right that is not one of them. Empty: only a
   * single-valued header is a client's address (docs/deploy.md).
   */
  trustedProxies: string[];
  inviteOnly: boolean;
  /** What a scheduler sends as `Authorization: Bearer …` to POST /api/cron/invite-reminders; null turns the route off. */
  cronSecret: string | null;
  /** The most pending invitations one inviter may hold (the plugin's invitationLimit); null for no limit. */
  invitationLimit: number | null;
  /** The identity providers people may sign in with, besides a password: each null when it is not configured. */
  signInProviders: SignInProviders;
  warnings: string[];
};

export type OAuthClient = { clientId: string; clientSecret: string };
export type SignInProviders = {
  github: OAuthClient | null;
  google: OAuthClient | null;
  /** Any OpenID Connect provider (company SSO), found through its discovery document. */
  oidc: (OAuthClient & { discoveryUrl: string; name: string }) | null;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const raw = parsed.data;
  const nodeEnv = raw.NODE_ENV ?? "development";
  const isProduction = nodeEnv === "production";
  const isBuild = raw.NEXT_PHASE === "phase-production-build";
  const problems: string[] = [];
  const warnings: string[] = [];

  let betterAuthSecret = raw.BETTER_AUTH_SECRET;
  if (!betterAuthSecret) {
    if (isProduction && !isBuild) {
      problems.push("BETTER_AUTH_SECRET: required in production; it signs sessions and cookies (try `openssl rand -base64 32`)");
    } else if (nodeEnv === "development") {
      warnings.push("BETTER_AUTH_SECRET is not set: using a fixed development secret.");
    }
    betterAuthSecret = DEVELOPMENT_SECRET;
  } else if (isProduction && betterAuthSecret === DEVELOPMENT_SECRET) {
    problems.push("BETTER_AUTH_SECRET: the development secret cannot be used in production");
  }

  const transport = raw.EMAIL_TRANSPORT ?? (raw.RESEND_API_KEY ? "resend" : "outbox");
  const from = raw.EMAIL_FROM ?? "Invite Kit <onboarding@resend.dev>";
  let email: Env["email"] = { transport: "outbox", from };
  if (transport === "resend") {
    if (raw.RESEND_API_KEY) email = { transport, from, resendApiKey: raw.RESEND_API_KEY };
    else problems.push("RESEND_API_KEY: required when EMAIL_TRANSPORT is resend");
  } else if (isProduction && !isBuild && !raw.EMAIL_TRANSPORT) {
    // The outbox keeps every email, invitation tokens included, instead of sending it: in production
    // it is never a default that a forgotten RESEND_API_KEY falls back to, only an explicit choice.
    problems.push(
      "RESEND_API_KEY: required in production, where emails must really be sent (EMAIL_TRANSPORT=outbox keeps them in an outbox that admins read instead: for a private test deployment only)",
    );
  } else if (isProduction && !isBuild) {
    warnings.push("EMAIL_TRANSPORT is outbox: emails are kept in the database, not sent; admins read them at /dev/outbox.");
  }

  if (Boolean(raw.SEED_ADMIN_EMAIL) !== Boolean(raw.SEED_ADMIN_PASSWORD)) {
    problems.push("SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD: set both, or neither");
  }
  if (raw.SEED_DEMO_ACCOUNTS && !raw.SEED_ADMIN_PASSWORD) {
    problems.push("SEED_DEMO_ACCOUNTS: needs SEED_ADMIN_PASSWORD, which the demo accounts share");
  }

  const signInProviders = parseSignInProviders(raw, problems);

  if (problems.length > 0) throw new EnvError(problems);

  const port = raw.PORT ?? 3000;
  return {
    nodeEnv,
    isProduction,
    isDevelopment: nodeEnv === "development",
    port,
    database: raw.DATABASE_URL ? { kind: "postgres", url: raw.DATABASE_URL } : { kind: "pglite", dir: raw.PGLITE_DIR ?? ".data/pglite" },
    redisUrl: raw.REDIS_URL ?? null,
    betterAuthSecret,
    betterAuthUrl: raw.BETTER_AUTH_URL ?? `http://localhost:${port}`,
    email,
    seedAdmin:
      raw.SEED_ADMIN_EMAIL && raw.SEED_ADMIN_PASSWORD
        ? { email: raw.SEED_ADMIN_EMAIL.toLowerCase(), password: raw.SEED_ADMIN_PASSWORD }
        : null,
    seedDemoAccounts: raw.SEED_DEMO_ACCOUNTS ?? false,
    rateLimitEnabled: raw.RATE_LIMIT_ENABLED ?? isProduction,
    trustedProxies: raw.TRUSTED_PROXIES ?? [],
    inviteOnly: raw.INVITE_ONLY ?? false,
    cronSecret: raw.CRON_SECRET ?? null,
    invitationLimit: raw.INVITATION_LIMIT === undefined ? DEFAULT_INVITATION_LIMIT : raw.INVITATION_LIMIT,
    signInProviders,
    warnings,
  };
}

/** A client id and secret that come as a pair: both, or neither (one alone is a mistake worth stopping for). */
function oauthClient(id: string | undefined, secret: string | undefined, names: [string, string], problems: string[]): OAuthClient | null {
  if (id && secret) return { clientId: id, clientSecret: secret };
  if (id || secret) problems.push(`${names[0]} and ${names[1]}: set both, or neither`);
  return null;
}

function parseSignInProviders(raw: z.infer<typeof rawEnvSchema>, problems: string[]): SignInProviders {
  const github = oauthClient(raw.GITHUB_CLIENT_ID, raw.GITHUB_CLIENT_SECRET, ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"], problems);
  const google = oauthClient(raw.GOOGLE_CLIENT_ID, raw.GOOGLE_CLIENT_SECRET, ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"], problems);
  const oidcClient = oauthClient(raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET, ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"], problems);
  const discoveryUrl =
    raw.OIDC_DISCOVERY_URL ?? (raw.OIDC_ISSUER ? `${raw.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration` : undefined);
  let oidc: SignInProviders["oidc"] = null;
  if (oidcClient && discoveryUrl) oidc = { ...oidcClient, discoveryUrl, name: raw.OIDC_PROVIDER_NAME ?? "SSO" };
  else if (oidcClient)
    problems.push("OIDC_ISSUER: required with OIDC_CLIENT_ID (or OIDC_DISCOVERY_URL, the provider's discovery document)");
  else if (discoveryUrl || raw.OIDC_PROVIDER_NAME)
    problems.push("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: required to sign in through OIDC_ISSUER");
  return { github, google, oidc };
}

declare global {
  // On globalThis because Next bundles route handlers, pages and instrumentation separately.
  var __inviteKitEnv: Env | undefined;
}

/** The parsed environment of this process; parsed on first use, so `next build` never needs secrets. */
export function getEnv(): Env {
  globalThis.__inviteKitEnv ??= parseEnv(process.env);
  return globalThis.__inviteKitEnv;
}
