// `npm run invite -- --role admin --email you@example.com`: a one-time invitation link made by the server itself, on
// the configured database (DATABASE_URL, else PGlite), printed here and emailed when email is set up. The way to make
// a deployment's first admin without a password in the environment.
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { z } from "zod";
import { roleLabels, roleNames } from "@/lib/auth/permissions";
import { getConnection } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { codeOf, messageForError } from "@/lib/errors/messages";
import { issueInvitation } from "@/lib/invitations/issue";

const USAGE = `Usage: npm run invite -- --role <${roleNames.join("|")}> --email <address> [--expires <24h|7d|…>] [--no-email]`;

const DURATION = /^(\d+)\s*([mhd])$/;
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;

const argsSchema = z.object({
  email: z.email({ error: "--email must be an email address" }).transform((email) => email.trim().toLowerCase()),
  role: z.enum(roleNames, { error: `--role must be one of ${roleNames.join(", ")}` }),
  expires: z
    .string()
    .regex(DURATION, { error: "--expires must be a number of minutes, hours or days, like 30m, 24h or 7d" })
    .transform((value) => {
      const [, amount, unit] = DURATION.exec(value) ?? [];
      return Number(amount) * UNIT_SECONDS[(unit ?? "h") as keyof typeof UNIT_SECONDS];
    })
    .pipe(
      z
        .number()
        .int()
        .min(60, { error: "--expires must be at least 1m" })
        .max(365 * 86_400, { error: "--expires must be at most 365d" }),
    ),
  "no-email": z.boolean(),
});

async function main(): Promise<number> {
  // The same .env files `next dev` and `next start` read.
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      expires: { type: "string", default: "24h" },
      "no-email": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.info(USAGE);
    return 0;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(issue.message);
    console.error(USAGE);
    return 2;
  }
  const args = parsed.data;
  const env = getEnv();
  if (env.database.kind === "pglite" && (await appIsAnswering(env.betterAuthUrl))) {
    console.error(
      `The app is running at ${env.betterAuthUrl} on PGlite, whose folder only one process may open. Stop it, run this again, then start it.`,
    );
    return 1;
  }

  const connection = getConnection();
  try {
    await migrateDatabase(connection);
    const notify = !args["no-email"];
    const issued = await issueInvitation({ email: args.email, role: args.role, expiresInSeconds: args.expires, notify });
    const until = new Date(issued.invitation.expiresAt).toISOString().replace("T", " ").slice(0, 16);
    console.info(`Invitation for ${args.email} to become ${roleLabels[args.role]}, single use, valid until ${until} UTC.`);
    if (notify) {
      const where = env.email.transport === "outbox" ? `the outbox (${env.betterAuthUrl}/dev/outbox)` : "Resend";
      console.info(`Emailed through ${where}.`);
    }
    console.info(`The link (it works once, for ${args.email} only; treat it like a password):\n\n  ${issued.url}\n`);
    return 0;
  } catch (error) {
    // The dashboard's sentence for this one points at its table; here, say what to do from where the reader is.
    const reason =
      codeOf(error) === "ALREADY_INVITED"
        ? "this address already has a pending invitation. Use the link already sent, or revoke it (Dashboard, Invitations) first."
        : messageForError(error);
    console.error(`Could not make the invitation: ${reason}`);
    return 1;
  } finally {
    await connection.close();
  }
}

/** Whether something answers at the app's URL (within a second): a running server holds the PGlite folder. */
async function appIsAnswering(baseURL: string): Promise<boolean> {
  try {
    await fetch(new URL("/api/auth/ok", baseURL), { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
