import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { admin } from "better-auth/plugins";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable, serviceUnavailableError } from "@/lib/db/unavailable";
import { authSchema } from "@/lib/db/schema";
import { sendUserInvitation } from "@/lib/email/invitations";
import { sendEmail } from "@/lib/email/mailer";
import { getEnv } from "@/lib/env";
import { invite } from "@/lib/invite";
import { ac, defaultRole, roles } from "@/lib/permissions";

function createAuth() {
  const env = getEnv();
  return betterAuth({
    appName: "Invite Kit",
    baseURL: env.betterAuthUrl,
    secret: env.betterAuthSecret,
    database: drizzleAdapter(getDb(), { provider: "pg", schema: authSchema, transaction: true }),
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
        await sendEmail({
          to: user.email,
          subject: verifyEmailSubject,
          template: VerifyEmail({ name: user.name, url }),
        });
      },
    },
    // Errors that are not Better Auth's own reach lib/auth-http.ts, which answers 503 for a database out of reach.
    onAPIError: { throw: true },
    hooks: {
      // Better Auth wraps some database failures (the session look-up) in a 500 FAILED_TO_GET_SESSION of its own:
      // callers of auth.api get a 503 SERVICE_UNAVAILABLE instead. Over HTTP Better Auth keeps the status it had,
      // so lib/auth-http.ts sets it.
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        if (isAPIError(returned) && returned.statusCode >= 500 && isDatabaseUnavailable(returned)) throw serviceUnavailableError();
      }),
    },
    rateLimit: {
      enabled: env.rateLimitEnabled,
      // In the database, so that several app instances share one count; PGlite is one process anyway.
      storage: env.database.kind === "postgres" ? "database" : "memory",
    },
    plugins: [
      admin({ ac, roles, defaultRole, adminRoles: ["admin"] }),
      invite({
        // Only admins grant roles; the hierarchy (user < moderator < admin) is the order of `roles`.
        canCreateInvite: { statement: "invite", permissions: ["create"] },
        defaultRedirectAfterUpgrade: "/dashboard/role-upgraded",
        inviteOnly: env.inviteOnly,
        sendUserInvitation,
      }),
      // Lets server actions set Better Auth's cookies; it must stay the last plugin.
      nextCookies(),
    ],
  });
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
