// `npm run invites:remind`: sends the invitation reminders due now, on the database the environment names (DATABASE_URL,
// else PGlite in PGLITE_DIR, which no running server may hold open), through the app's own Better Auth and mailer.
import { loadEnvConfig } from "@next/env";
import { getConnection } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { EnvError } from "@/lib/env";
import { sendInviteReminders } from "@/lib/invitations/reminders";

async function main(): Promise<number> {
  // The same .env files `next dev` and `next start` read, before anything reads the environment.
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
  const connection = getConnection();
  try {
    // As the server does at start: a database it has never run on gets its tables first.
    await migrateDatabase(connection);
    const run = await sendInviteReminders();
    console.info(`Invitation reminders: ${run.sent} sent, ${run.failed} failed, ${run.skipped} dropped.`);
    if (run.failed > 0) console.error(`${run.failed} could not be sent (see the errors above): they are due again at the next run.`);
    if (run.hasMore) console.info("More are due: run it again.");
    return run.failed > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A wrong environment is the operator's to fix, and its message names the variable; anything else is a bug's stack.
    console.error(error instanceof EnvError ? error.message : error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
