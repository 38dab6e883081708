// `npm run invite`: a deployment's first admin, from a one-time link the server makes itself, on the configured database.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createDatabase, postgresServerUrl, type TestDatabase } from "@/tests/harness/database";

const run = promisify(execFile);
const LINK = /http:\/\/127\.0\.0\.1:\d+\/api\/auth\/invite\/([A-Za-z0-9_-]{43})/;

let database: TestDatabase;
// Nothing listens here: the CLI's "is the app running on this PGlite folder?" check finds no app.
let appUrl: string;

beforeAll(async () => {
  database = await createDatabase("invite_cli", process.env.TEST_DATABASE_KIND === "postgres" ? postgresServerUrl : undefined);
  const probe = await listen();
  appUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => database?.drop());

function listen(): Promise<Server> {
  const server = createServer((_request, response) => response.end("ok"));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Runs `npm run invite -- ...args` as a person would, on the test's database; never throws on a failing exit. */
async function invite(args: string[], url = appUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...database.env,
    BETTER_AUTH_URL: url,
    EMAIL_TRANSPORT: "outbox",
    NODE_ENV: "development",
  };
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "invite", "--", ...args], { env, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

it("prints a one-time admin link made by the server, stores only its hash, and emails the same link", async () => {
  const made = await invite(["--role", "admin", "--email", "First.Admin@Example.com", "--expires", "2h"]);
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toContain("Invitation for first.admin@example.com to become Admin, single use");
  const token = LINK.exec(made.stdout)?.[1];
  expect(token).toBeDefined();

  const connection = openDatabase(
    database.kind === "postgres" ? { kind: "postgres", url: database.url } : { kind: "pglite", dir: database.dir },
  );
  try {
    const rows = await connection.db.query.invite.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: "first.admin@example.com", role: "admin", createdByUserId: "@server", maxUses: 1 });
    expect(rows[0]?.tokenHash).not.toContain(token ?? "-");
    const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0);
    expect(Math.round(lifetime / 60_000)).toBe(120);
    const emails = await connection.db.query.outboxEmail.findMany();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toBe("first.admin@example.com");
    expect(emails[0]?.text).toContain(`/api/auth/invite/${token}`);
  } finally {
    await connection.close();
  }

  // The same address again: the first link is still live, and there is never a second one.
  const again = await invite(["--role", "admin", "--email", "first.admin@example.com"]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("already has a pending invitation");
}, 120_000);

it("refuses bad arguments with what is wrong and how to call it, before opening the database", async () => {
  const bad = await invite(["--role", "owner", "--email", "not-an-address", "--expires", "soon"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--role must be one of user, moderator, admin");
  expect(bad.stderr).toContain("--email must be an email address");
  expect(bad.stderr).toContain("--expires must be a number of minutes, hours or days");
  expect(bad.stderr).toContain("Usage: npm run invite --");
});

it("on PGlite, refuses to open the folder while the app answers at its URL (one process per folder)", async () => {
  if (database.kind !== "pglite") return;
  const app = await listen();
  try {
    const refused = await invite(
      ["--role", "admin", "--email", "second@example.com"],
      `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("on PGlite, whose folder only one process may open");
  } finally {
    await new Promise((resolve) => app.close(resolve));
  }
});
