import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { symmetricEncrypt } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { generateLinkToken, hashToken, timeOrderedId } from "@invite-kit/better-auth";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { invite, outboxEmail, user } from "@/lib/db/schema";

const run = promisify(execFile);
const parent = mkdtempSync(path.join(tmpdir(), "invite-kit-remind-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const SECRET = "remind-script-secret-remind-script-secret";

/** `npm run invites:remind` on a PGlite folder of its own, as an operator runs it: its exit code and what it printed. */
async function remind(dir: string, env: Record<string, string> = {}) {
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", "invites:remind"], {
      cwd: process.cwd(),
      env: { ...inherited, PGLITE_DIR: dir, BETTER_AUTH_SECRET: SECRET, EMAIL_TRANSPORT: "outbox", ...env },
      timeout: 240_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

// Each test starts the script (Node, tsx, the app's modules, PGlite): seconds alone, minutes on a busy two-core machine.
describe("npm run invites:remind", { timeout: 300_000 }, () => {
  it("on a database with nothing due, migrates it, says so, and exits 0", async () => {
    const result = await remind(path.join(parent, "empty"));
    expect(result.output).toContain("Invitation reminders: 0 sent, 0 failed, 0 dropped.");
    expect(result.code).toBe(0);
  });

  it("sends a due reminder through the app's mailer, with the invitation's own link, and records it", async () => {
    const dir = path.join(parent, "due");
    const token = generateLinkToken();
    const email = "still-waiting@example.com";
    const id = timeOrderedId(Date.now());
    const setUp = openDatabase({ kind: "pglite", dir });
    try {
      await migrateDatabase(setUp);
      const now = new Date();
      await setUp.db
        .insert(user)
        .values({ id: "creator", name: "Ada Admin", email: "ada@example.com", emailVerified: true, role: "admin" });
      await setUp.db.insert(invite).values({
        id,
        tokenHash: await hashToken(token),
        tokenType: "token",
        role: "moderator",
        email,
        activeEmail: email,
        createdByUserId: "creator",
        createdByName: "Ada Admin",
        createdByEmail: "ada@example.com",
        expiresAt: new Date(now.getTime() + 4 * 86_400_000),
        maxUses: 1,
        useCount: 0,
        usesLeft: 1,
        status: "pending",
        newAccount: true,
        remindAt: new Date(now.getTime() - 1000),
        sealedToken: await symmetricEncrypt({ key: SECRET, data: token }),
      });
    } finally {
      await setUp.close();
    }

    const result = await remind(dir);
    expect(result.output).toContain("Invitation reminders: 1 sent, 0 failed, 0 dropped.");
    expect(result.code).toBe(0);

    const check = openDatabase({ kind: "pglite", dir });
    try {
      const emails = await check.db.select().from(outboxEmail).where(eq(outboxEmail.to, email));
      expect(emails.map((sent) => sent.subject)).toEqual(["Reminder: Ada Admin invited you to become a moderator"]);
      expect(emails[0]?.text).toContain(`/api/auth/invite/${token}`);
      const [row] = await check.db.select().from(invite).where(eq(invite.id, id));
      expect(row).toMatchObject({ remindAt: null, sealedToken: null, status: "pending" });
    } finally {
      await check.close();
    }
    expect((await remind(dir)).output).toContain("0 sent");
  });

  it("exits 1, naming the variable, when the environment is wrong", async () => {
    const result = await remind(path.join(parent, "bad-env"), { CRON_SECRET: "short" });
    expect(result.code).toBe(1);
    expect(result.output).toContain("CRON_SECRET: must be at least 16 characters");
  });
});
