import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin, magicLink, openAPI, twoFactor } from "better-auth/plugins";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { headerSafeCallbackURLs } from "@/lib/auth/callback-urls";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable, serviceUnavailableError } from "@/lib/errors/unavailable";
import { authSchema } from "@/lib/db/schema";
import { sendUserInvitation } from "@/lib/email/invitations";
import { MAGIC_LINK_MINUTES, sendMagicLink } from "@/lib/email/magic-links";
import { sendEmail } from "@/lib/email/mailer";
import { getEnv } from "@/lib/env";
import { invite } from "@invite-kit/better-auth";
import { INVITATION_SEND_BUDGET } from "@/lib/invitations/limits";
import { authLogger } from "@/lib/log";
import { rateLimitStorage } from "@/lib/rate-limit/storage";
import { redisSecondaryStorage } from "@/lib/redis/secondary-storage";
import { countSignInAttempt, refundSuccessfulSignIn } from "@/lib/rate-limit/sign-in";
import { ac, defaultRole, roles } from "@/lib/auth/permissions";
import { refuseDirectRoleRaise } from "@/lib/auth/role-raise-guard";
import { oidcPluginsOf, socialProvidersOf } from "@/lib/auth/provider-config";
import { imageSchema, nameSchema } from "@/lib/validations/auth";
import { UNDO_REVOKE_SECONDS } from "@/lib/invitations/revoke-undo";

/** A new instance with the app's configuration. The app uses getAuth(); tests build a second one to stand for another server. */
export function createAuth() {
  const env = getEnv();
  return betterAuth({
    appName: "Invite Kit",
    baseURL: env.betterAuthUrl,
    secret: env.betterAuthSecret,
    // Better Auth quotes request data in its log (a refused callbackURL, as it came): this logger escapes it.
    logger: authLogger,
    database: drizzleAdapter(getDb(), { provider: "pg", schema: authSchema, transaction: true }),
    // A session comes with its user, and an invitation list page with its creators and uses, in one statement each
    // (the Drizzle relations in lib/db/schema.ts): one round trip less on every signed-in request.
    advanced: {
      database: { joins: true },
      // The client's address for rate limits: the first X-Forwarded-For hop from the right that is
      // not a proxy of ours. The app's server (server.mjs) appends the socket's peer to every request,
      // so with none listed only a request straight from its client has an address; see docs/deploy.md.
      ipAddress: { trustedProxies: env.trustedProxies },
    },
    // With REDIS_URL, every instance reads sessions from Redis instead of querying the database on
    // each request. They are still written to the database too: a Redis restarted empty, or evicting
    // keys under memory pressure, then signs nobody out, since a session missing from Redis is looked
    // up in the database. See docs/deploy.md.
    ...(env.redisUrl ? { secondaryStorage: redisSecondaryStorage } : {}),
    session: { storeSessionInDatabase: true },
    // GitHub, Google and an OpenID Connect provider, each when configured (lib/auth/provider-config.ts).
    socialProviders: socialProvidersOf(env),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      async sendVerificationEmail({ user, url }) {
        // Better Auth sends this on every sign-up, even one the invite plugin already marked verified (a private
        // invitation's emailed link proved the inbox): asking that person to verify again contradicts the page.
        if (user.emailVerified) return;
        await sendEmail({
          to: user.email,
          subject: verifyEmailSubject,
          template: VerifyEmail({ name: user.name, url }),
        });
      },
    },
    databaseHooks: {
      // Better Auth stores any string as a name or image (a 100 kB name, a NUL byte that PostgreSQL refuses):
      // every user written, by sign-up, profile update or an admin, passes the app's own rules.
      user: {
        create: { before: async (user) => assertProfile(user) },
        update: { before: async (user) => assertProfile(user) },
      },
    },
    // Errors that are not Better Auth's own reach lib/http/auth-handler.ts, which answers 503 for a database out of reach.
    onAPIError: { throw: true },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // One budget per account for password sign-in, whatever address tries (lib/rate-limit/sign-in.ts).
        await countSignInAttempt(ctx.path, ctx.body);
        await refuseDirectRoleRaise(ctx);
        // A callback URL Better Auth trusts is one it may redirect to: make it one a Location header can carry.
        return headerSafeCallbackURLs(ctx);
      }),
      after: createAuthMiddleware(async (ctx) => {
        // A sign-in that opened a session gives back the slot the before hook took.
        await refundSuccessfulSignIn(ctx.path, ctx.body, Boolean(ctx.context.newSession));
        // Better Auth wraps some database failures (the session look-up) in a 500 FAILED_TO_GET_SESSION of its own:
        // callers of auth.api get a 503 SERVICE_UNAVAILABLE instead. Over HTTP Better Auth keeps the status it had,
        // so lib/http/auth-handler.ts sets it.
        const returned = ctx.context.returned;
        if (isAPIError(returned) && returned.statusCode >= 500 && isDatabaseUnavailable(returned)) throw serviceUnavailableError();
      }),
    },
    rateLimit: {
      enabled: env.rateLimitEnabled,
      // In the database or Redis, in one atomic step, so that every instance shares one count, and the
      // app's pages and actions (which `auth.api` does not limit) can count against the same keys.
      customStorage: rateLimitStorage,
    },
    plugins: [
      admin({ ac, roles, defaultRole, adminRoles: ["admin"] }),
      // TOTP from an authenticator app, with backup codes. Before invite(), as the plugin's README asks; the plugin
      // also holds the invitation back until the second factor whatever the order.
      twoFactor({ issuer: "Invite Kit" }),
      // A sign-in link by email: it signs in, or creates the account of an address that has none. Its token is
      // stored hashed; sending is limited as Better Auth limits its other emails (3 a minute per address).
      magicLink({
        sendMagicLink,
        storeToken: "hashed",
        expiresIn: MAGIC_LINK_MINUTES * 60,
        rateLimit: { window: 60, max: 3 },
      }),
      invite({
        // Only admins grant roles; the hierarchy (user < moderator < admin) is the order of `roles`.
        canCreateInvite: { statement: "invite", permissions: ["create"] },
        defaultRedirectAfterUpgrade: "/dashboard/role-upgraded",
        inviteOnly: env.inviteOnly,
        sendUserInvitation,
        // INVITATION_LIMIT (500 unless set): the most pending invitations one admin holds; the dashboard shows what is left.
        ...(env.invitationLimit === null ? {} : { invitationLimit: env.invitationLimit }),
        sendRateLimit: INVITATION_SEND_BUDGET,
        // The table's Undo after a revoke: it restores the invitation within this window.
        restoreWindow: UNDO_REVOKE_SECONDS,
      }),
      // In development only, /api/auth/reference documents the whole API, the invite endpoints included (their
      // metadata is the plugin's). Served in production, it would hand anyone a map of every route, admin ones too.
      ...(env.isDevelopment ? [openAPI()] : []),
      ...oidcPluginsOf(env),
      // Lets server actions set Better Auth's cookies; it must stay the last plugin.
      nextCookies(),
    ],
  });
}

/** Refuses a user's name or image that the app's forms would refuse, with the error code of the field. */
function assertProfile(user: { name?: unknown; image?: unknown }): void {
  if (user.name !== undefined && !nameSchema.safeParse(user.name).success) {
    throw APIError.from("BAD_REQUEST", { code: "INVALID_NAME", message: "The name must be 1 to 100 printable characters, on one line." });
  }
  if (user.image !== undefined && user.image !== null && !imageSchema.safeParse(user.image).success) {
    throw APIError.from("BAD_REQUEST", { code: "INVALID_IMAGE", message: "The image must be an http(s) address." });
  }
}

export type Auth = ReturnType<typeof createAuth>;

declare global {
  var __inviteKitAuth: Auth | undefined;
}

/** The app's Better Auth instance, built on first use so that `next build` opens no database. */
export function getAuth(): Auth {
  globalThis.__inviteKitAuth ??= createAuth();
  return globalThis.__inviteKitAuth;
}
