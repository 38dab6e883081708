import Database from "better-sqlite3";
import { memoryAdapter } from "better-auth/adapters/memory";
import { getMigrations } from "better-auth/db/migration";
import { createPool, type Pool as MysqlPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MissingInviteUseIndexError, checkInviteSchema } from "../../src/schema-check";
import { createAndAccept, firstRequest, logInto, pluginRows, send } from "../support/cli-app";
import { cliAuth } from "../support/cli-auth";
import { createMysqlDatabase, createPostgresDatabase, type RunDatabase } from "../support/run-databases";

/*
 * The start-up check on the databases the built-in Kysely adapter serves, each migrated by Better Auth 1.7's own
 * migrator (which writes the use's unique index), then with that index dropped: the plugin starts on the first and
 * is refused on the second, over HTTP and through auth.api, with the statement that fixes it; the check leaves the
 * tables as it found them. (generate.test.ts shows the same on databases built from the CLI's output, PGlite
 * through Drizzle among them.)
 */

const postgresUrl = process.env.TEST_POSTGRES_URL;
const mysqlUrl = process.env.TEST_MYSQL_URL;

type Opened = {
  database: Database.Database | pg.Pool | MysqlPool;
  exec: (statement: string) => Promise<unknown>;
  close: () => Promise<void>;
};

const timings: string[] = [];
afterAll(() => {
  if (timings.length) console.log(`start-up check (ms per probe, 5 in a row): ${timings.join("; ")}`);
});

function databaseSuite(label: string, open: () => Promise<Opened & { drop?: () => Promise<void> }>, dropIndex: string) {
  describe(label, () => {
    let opened: Opened & { drop?: () => Promise<void> };
    beforeAll(async () => {
      opened = await open();
      const { runMigrations } = await getMigrations(cliAuth(opened.database).options);
      await runMigrations();
    });
    afterAll(async () => {
      await opened?.close();
      await opened?.drop?.();
    });

    it("starts on a database that has the index: the probe takes a few milliseconds and leaves the tables as it found them", async () => {
      const auth = cliAuth(opened.database, { logger: { disabled: true } });
      const ctx = await auth.$context;
      const milliseconds: number[] = [];
      for (let probe = 0; probe < 5; probe++) {
        const result = await checkInviteSchema(ctx);
        expect(result.outcome).toBe("present");
        if (result.outcome === "present") milliseconds.push(result.milliseconds);
      }
      timings.push(`${label} ${milliseconds.map((ms) => ms.toFixed(1)).join(", ")}`);
      expect(Math.min(...milliseconds)).toBeLessThan(100);
      expect(await pluginRows(auth)).toEqual({ invite: 0, inviteUse: 0, inviteEvent: 0 });

      // The first requests, at once, all pass.
      const responses = await Promise.all(Array.from({ length: 8 }, () => firstRequest(auth)));
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 8 }, () => 200));
      const story = await createAndAccept(auth);
      expect([story.accepted.status, story.acceptedAgain.status]).toEqual([200, 409]);
      // With rows of its own in the tables, the probe still leaves them as they were.
      const before = await pluginRows(auth);
      expect(before).toEqual({ invite: 1, inviteUse: 1, inviteEvent: 2 });
      for (let probe = 0; probe < 3; probe++) expect((await checkInviteSchema(ctx)).outcome).toBe("present");
      expect(await pluginRows(auth)).toEqual(before);
    });

    it("refuses every request on a database without the index, over HTTP and auth.api, until the statement its error gives is run", async () => {
      await opened.exec(dropIndex);
      const lines: { level: string; message: string }[] = [];
      const auth = cliAuth(opened.database, { logger: logInto(lines) });
      const before = await pluginRows(auth);
      try {
        // Over HTTP a client learns the code and nothing of the schema: a 503; the server's log has the whole error.
        const http = await firstRequest(auth);
        expect(http.status).toBe(503);
        const body: unknown = await http.json();
        expect(body).toMatchObject({ code: "MISSING_INVITE_USE_UNIQUE_INDEX" });
        expect(JSON.stringify(body)).not.toMatch(/CREATE|ALTER|@@unique/);
        expect((await send(auth, "/sign-in/email", { email: "nobody@example.com", password: "not-a-password" })).status).toBe(503);
        const logged = lines.filter((line) => line.level === "error").map((line) => line.message);
        expect(logged).toHaveLength(2);
        expect(logged[0]).toMatch(/no unique index on inviteUse \(inviteId, usedByUserId\).*CREATE UNIQUE INDEX/);

        const error = await auth.api.ok().then(
          () => null,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(MissingInviteUseIndexError);
        expect(error).toMatchObject({ code: "MISSING_INVITE_USE_UNIQUE_INDEX" });
        const message = error instanceof Error ? error.message : "";
        expect(message).toContain("no unique index on inviteUse (inviteId, usedByUserId)");
        expect(message).toContain("one person can accept the same invitation again and again");
        expect(await pluginRows(auth)).toEqual(before);

        const statement = /CREATE UNIQUE INDEX [^;]+;/.exec(message)?.[0] ?? "";
        await opened.exec(statement);
        // The same instance, no restart: a refusal is not kept.
        expect((await firstRequest(auth)).status).toBe(200);
        expect(await pluginRows(auth)).toEqual(before);
      } finally {
        // Whatever failed above, the next test finds the index in place.
        const ctx = await auth.$context;
        if ((await checkInviteSchema(ctx)).outcome === "missing") await opened.exec(createIndex(dropIndex));
      }
    });

    it("checks once per auth instance: a verdict, once passed, is kept (an index dropped later goes unseen until restart)", async () => {
      const auth = cliAuth(opened.database, { logger: { disabled: true } });
      await auth.api.ok();
      await opened.exec(dropIndex);
      try {
        await expect(auth.api.ok()).resolves.toEqual({ ok: true });
        await expect(cliAuth(opened.database, { logger: { disabled: true } }).api.ok()).rejects.toBeInstanceOf(MissingInviteUseIndexError);
      } finally {
        await opened.exec(createIndex(dropIndex));
      }
    });
  });
}

/** The statement that puts back the index `dropIndex` drops, in the same dialect. */
function createIndex(dropIndex: string): string {
  return dropIndex.includes("`")
    ? "CREATE UNIQUE INDEX `invite_use_invite_user_unique` ON `inviteUse` (`inviteId`, `usedByUserId`)"
    : 'CREATE UNIQUE INDEX "invite_use_invite_user_unique" ON "inviteUse" ("inviteId", "usedByUserId")';
}

databaseSuite(
  "SQLite (better-sqlite3)",
  async () => {
    const database = new Database(":memory:");
    return { database, exec: async (statement) => database.exec(statement), close: async () => void database.close() };
  },
  'DROP INDEX "invite_use_invite_user_unique"',
);

describe.skipIf(!postgresUrl)("PostgreSQL (needs TEST_POSTGRES_URL)", () => {
  let scratch: RunDatabase;
  databaseSuite(
    "PostgreSQL",
    async () => {
      scratch = await createPostgresDatabase(postgresUrl ?? "", "cli");
      const pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
      return { database: pool, exec: (statement) => pool.query(statement), close: () => pool.end(), drop: () => scratch.drop() };
    },
    'DROP INDEX "invite_use_invite_user_unique"',
  );
});

describe.skipIf(!mysqlUrl)("MariaDB (needs TEST_MYSQL_URL)", () => {
  let scratch: RunDatabase;
  databaseSuite(
    "MariaDB",
    async () => {
      scratch = await createMysqlDatabase(mysqlUrl ?? "", "cli");
      const pool = createPool({ uri: scratch.url, timezone: "Z", connectionLimit: 4 });
      return { database: pool, exec: (statement) => pool.query(statement), close: () => pool.end(), drop: () => scratch.drop() };
    },
    "DROP INDEX `invite_use_invite_user_unique` ON `inviteUse`",
  );
});

describe("where the check cannot run", () => {
  it("the memory adapter: not refused (it holds no index at all), and the log says what that means", async () => {
    const lines: { level: string; message: string }[] = [];
    const auth = cliAuth(
      memoryAdapter({ user: [], session: [], account: [], verification: [], invite: [], inviteUse: [], inviteEvent: [] }),
      {
        logger: logInto(lines),
      },
    );
    expect((await firstRequest(auth)).status).toBe(200);
    expect((await firstRequest(auth)).status).toBe(200);
    const warnings = lines.filter((line) => line.level === "warn" && line.message.includes("invite plugin"));
    expect(warnings.map((line) => line.message)).toEqual([
      "The invite plugin did not check its unique index on inviteUse (inviteId, usedByUserId): Better Auth's memory adapter enforces no unique index, " +
        "so one person can take several uses of an invitation, and concurrent accepts can exceed maxUses. Use it for development and tests only.",
    ]);
    expect(await pluginRows(auth)).toEqual({ invite: 0, inviteUse: 0, inviteEvent: 0 });
  });

  it("advanced.database.validateSchema: false turns it off, as it does Better Auth's own check", async () => {
    const database = new Database(":memory:");
    try {
      const { runMigrations } = await getMigrations(cliAuth(database).options);
      await runMigrations();
      database.exec('DROP INDEX "invite_use_invite_user_unique"');
      const lines: { level: string; message: string }[] = [];
      const auth = cliAuth(database, { logger: logInto(lines), advanced: { database: { validateSchema: false } } });
      expect((await firstRequest(auth)).status).toBe(200);
      expect(lines.filter((line) => line.message.includes("invite plugin")).map((line) => line.level)).toEqual(["debug"]);
    } finally {
      database.close();
    }
  });
});
