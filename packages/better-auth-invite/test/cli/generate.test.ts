import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import Database from "better-sqlite3";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { getMigrations } from "better-auth/db/migration";
import { drizzle } from "drizzle-orm/pglite";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { createPool, type Pool as MysqlPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MissingInviteUseIndexError } from "../../src/schema-check";
import { createAndAccept, firstRequest, logInto, pluginRows } from "../support/cli-app";
import { cliAuth, renamedSchema } from "../support/cli-auth";
import { createMysqlDatabase, createPostgresDatabase, type RunDatabase } from "../support/run-databases";
import { type CliRun, cliAuthModule, cliFolder, generate, inParallel, statementsOf } from "../support/cli-run";
import { drizzleShape, expectedShape, kyselyShape, prismaShape, type SchemaShape } from "../support/cli-schema";

/*
 * Better Auth's CLI 1.4.22 (`npx @better-auth/cli generate`, the version that runs on Node 20) run on the configs a
 * user writes, for every ORM it generates for: each output must hold the plugin's three tables as src/schema.ts
 * declares them, and the SQL and Drizzle outputs are applied to real databases to show they are usable. The configs
 * import better-auth 1.7.25 (the app's) while the CLI bundles 1.4.22: the CLI reads the tables through its own
 * getAuthTables, which knows nothing of a table's `indexes`, so every table-level index is left out, the use's
 * unique (inviteId, usedByUserId) among them. The tests below hold that as a fact, so that a CLI that one day
 * writes them fails here and the README's "Schema" section can be shortened.
 */

const postgresUrl = process.env.TEST_POSTGRES_URL;
const mysqlUrl = process.env.TEST_MYSQL_URL;

type Dialect = "pg" | "mysql" | "sqlite";
type Case = { name: string; kind: "drizzle" | "prisma" | "kysely"; dialect: Dialect; renamed: boolean; extension: string; config: string };

const imports = `import { cliAuth, renamedSchema } from ${JSON.stringify(cliAuthModule)};\n`;
const inviteOptions = (renamed: boolean) => (renamed ? ", { invite: { schema: renamedSchema } }" : "");
const drizzleDriver: Record<Dialect, string> = { pg: "node-postgres", mysql: "mysql2", sqlite: "better-sqlite3" };
const prismaProvider: Record<Dialect, string> = { pg: "postgresql", mysql: "mysql", sqlite: "sqlite" };

function drizzleCase(dialect: Dialect, renamed = false): Case {
  return {
    name: `drizzle-${dialect}${renamed ? "-renamed" : ""}`,
    kind: "drizzle",
    dialect,
    renamed,
    extension: "ts",
    // No database: the Drizzle generator reads only the adapter's provider.
    config: `${imports}import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { drizzle } from "drizzle-orm/${drizzleDriver[dialect]}";
export const auth = cliAuth(drizzleAdapter(drizzle.mock(), { provider: "${dialect}" })${inviteOptions(renamed)});
`,
  };
}

function prismaCase(dialect: Dialect, renamed = false): Case {
  return {
    name: `prisma-${dialect}${renamed ? "-renamed" : ""}`,
    kind: "prisma",
    dialect,
    renamed,
    extension: "prisma",
    // The generator never calls the client: an empty object stands for a PrismaClient.
    config: `${imports}import { prismaAdapter } from "better-auth/adapters/prisma";
export const auth = cliAuth(prismaAdapter({}, { provider: "${prismaProvider[dialect]}" })${inviteOptions(renamed)});
`,
  };
}

/** Kysely's generator diffs against a live database: a fresh one per case. */
function kyselyCase(dialect: Dialect, database: string, renamed = false): Case {
  const open =
    dialect === "sqlite"
      ? `import Database from "better-sqlite3";\nconst database = new Database(${JSON.stringify(database)});`
      : dialect === "pg"
        ? `import { Pool } from "pg";\nconst database = new Pool({ connectionString: ${JSON.stringify(database)} });`
        : `import { createPool } from "mysql2/promise";\nconst database = createPool({ uri: ${JSON.stringify(database)}, timezone: "Z" });`;
  return {
    name: `kysely-${dialect}${renamed ? "-renamed" : ""}`,
    kind: "kysely",
    dialect,
    renamed,
    extension: "sql",
    config: `${imports}${open}\nexport const auth = cliAuth(database${inviteOptions(renamed)});\n`,
  };
}

let folder: Awaited<ReturnType<typeof cliFolder>>;
let postgres: RunDatabase | undefined;
let mysql: RunDatabase | undefined;
const runs = new Map<string, CliRun & { case: Case }>();
let wallMilliseconds = 0;

const sqliteFile = (name: string) => join(folder.dir, `${name}.db`);

beforeAll(async () => {
  folder = await cliFolder();
  [postgres, mysql] = await Promise.all([
    postgresUrl ? createPostgresDatabase(postgresUrl, "cli") : undefined,
    mysqlUrl ? createMysqlDatabase(mysqlUrl, "cli") : undefined,
  ]);
  const cases: Case[] = [
    drizzleCase("pg"),
    drizzleCase("mysql"),
    drizzleCase("sqlite"),
    prismaCase("pg"),
    prismaCase("mysql"),
    prismaCase("sqlite"),
    kyselyCase("sqlite", join(folder.dir, "kysely-sqlite.db")),
    ...(postgres ? [kyselyCase("pg", postgres.url)] : []),
    ...(mysql ? [kyselyCase("mysql", mysql.url)] : []),
    drizzleCase("pg", true),
    prismaCase("pg", true),
    kyselyCase("sqlite", join(folder.dir, "kysely-sqlite-renamed.db"), true),
  ];
  const started = performance.now();
  // Each run is a Node process that compiles the config with Babel: two at a time on a 2-core machine.
  const results = await inParallel(
    cases.map((each) => () => generate(folder.dir, each.name, each.config, each.extension)),
    2,
  );
  wallMilliseconds = performance.now() - started;
  results.forEach((run, index) => {
    const each = cases[index];
    if (each) runs.set(run.name, { ...run, case: each });
  });
  console.log(
    `CLI: ${runs.size} runs in ${Math.round(wallMilliseconds)} ms (${[...runs.values()].map((run) => `${run.name} ${Math.round(run.milliseconds)}`).join(", ")})`,
  );
}, 300_000);

afterAll(async () => {
  await Promise.all([postgres?.drop(), mysql?.drop()]);
  await folder?.remove();
});

function outputOf(name: string): { run: CliRun & { case: Case }; shape: SchemaShape } {
  const run = runs.get(name);
  if (!run) throw new Error(`no CLI run named ${name}`);
  expect(run.exitCode, run.log).toBe(0);
  expect(run.log).toContain("Schema was generated successfully");
  return { run, shape: run.case.kind === "kysely" ? kyselyShape(run.output) : run.case.kind === "prisma" ? prismaShape(run.output) : {} };
}

async function shapeOf(name: string): Promise<SchemaShape> {
  const { run, shape } = outputOf(name);
  if (run.case.kind !== "drizzle") return shape;
  const tables: Record<string, unknown> = await import(/* @vite-ignore */ pathToFileURL(join(folder.dir, `${name}.ts`)).href);
  return drizzleShape(tables);
}

const caseNames = [
  "drizzle-pg",
  "drizzle-mysql",
  "drizzle-sqlite",
  "prisma-pg",
  "prisma-mysql",
  "prisma-sqlite",
  "kysely-sqlite",
  "kysely-pg",
  "kysely-mysql",
];

describe("npx @better-auth/cli@1.4.22 generate, for each ORM", () => {
  const expected = expectedShape();

  for (const name of caseNames) {
    const needs = name === "kysely-pg" ? postgresUrl : name === "kysely-mysql" ? mysqlUrl : "always";
    const label = name === "kysely-pg" ? " (needs TEST_POSTGRES_URL)" : name === "kysely-mysql" ? " (needs TEST_MYSQL_URL)" : "";
    describe.skipIf(!needs)(`${name}${label}`, () => {
      it("writes the three plugin tables with every field of src/schema.ts, required where it is required", async () => {
        const shape = await shapeOf(name);
        for (const [table, want] of Object.entries(expected)) {
          const got = shape[table];
          expect(got, `table ${table}`).toBeDefined();
          expect(Object.keys(got?.fields ?? {}).sort(), `fields of ${table}`).toEqual(Object.keys(want.fields).sort());
          for (const [field, { required }] of Object.entries(want.fields)) {
            expect(got?.fields[field]?.required, `${table}.${field} required`).toBe(required);
          }
        }
      });

      it("makes tokenHash and activeEmail unique, and nothing else on their own", async () => {
        const shape = await shapeOf(name);
        for (const [table, want] of Object.entries(expected)) {
          const unique = Object.entries(shape[table]?.fields ?? {})
            .filter(([, field]) => field.unique)
            .map(([field]) => field);
          expect(unique, table).toEqual(
            Object.entries(want.fields)
              .filter(([, field]) => field.unique)
              .map(([field]) => field),
          );
        }
        expect(Object.keys(shape.invite?.fields ?? {}).filter((field) => shape.invite?.fields[field]?.unique)).toEqual([
          "tokenHash",
          "activeEmail",
        ]);
      });

      it("points inviteUse.inviteId and inviteEvent.inviteId at invite, on delete restrict", async () => {
        const shape = await shapeOf(name);
        for (const table of ["inviteUse", "inviteEvent"]) {
          expect(shape[table]?.references, table).toEqual({ inviteId: { table: "invite", onDelete: "restrict" } });
        }
        expect(shape.invite?.references).toEqual({});
      });

      it("indexes each field marked `index: true`", async () => {
        const shape = await shapeOf(name);
        for (const [table, want] of Object.entries(expected)) {
          const indexed = (shape[table]?.indexes ?? []).filter((index) => index.fields.length === 1).map((index) => index.fields[0]);
          for (const index of want.indexes) expect(indexed, `${table} index on ${index.fields[0]}`).toContain(index.fields[0]);
        }
      });

      it("leaves out every table-level index of src/schema.ts: the use's unique (inviteId, usedByUserId) and the list filters' indexes", async () => {
        const shape = await shapeOf(name);
        const tableLevel = Object.entries(expected).flatMap(([table, want]) => want.tableIndexes.map((index) => ({ table, ...index })));
        expect(tableLevel.map((index) => index.name)).toEqual([
          "invite_created_by_user_id_idx",
          "invite_status_idx",
          "invite_role_idx",
          "invite_email_idx",
          "invite_use_invite_user_unique",
          "invite_event_type_idx",
        ]);
        const present = tableLevel.filter(({ table, name: indexName, fields }) =>
          (shape[table]?.indexes ?? []).some(
            (index) => index.name === indexName || (index.fields.join() === fields.join() && fields.length > 1),
          ),
        );
        expect(present, "table-level indexes the CLI now writes: shorten the README's Schema section").toEqual([]);
        expect(shape.inviteUse?.indexes.some((index) => index.unique)).toBe(false);
      });
    });
  }
});

it("the readers see table-level indexes where an output has them: Better Auth 1.7's own migrator writes all six", async () => {
  const database = new Database(":memory:");
  const { compileMigrations } = await getMigrations(cliAuth(database).options);
  const shape = kyselyShape(await compileMigrations());
  database.close();
  const indexes = Object.values(shape).flatMap((table) => table.indexes.map((index) => index.name));
  expect(indexes).toEqual(expect.arrayContaining(expectedShapeIndexNames()));
  expect(shape.inviteUse?.indexes).toContainEqual({
    name: "invite_use_invite_user_unique",
    fields: ["inviteId", "usedByUserId"],
    unique: true,
  });
});

function expectedShapeIndexNames(): string[] {
  return Object.values(expectedShape()).flatMap((table) => table.tableIndexes.map((index) => index.name ?? ""));
}

describe("the plugin's schema option, through the CLI", () => {
  const expected = expectedShape(renamedSchema);

  for (const name of ["drizzle-pg-renamed", "prisma-pg-renamed", "kysely-sqlite-renamed"]) {
    it(`${name}: the renamed tables and fields appear renamed, with their references`, async () => {
      const shape = await shapeOf(name);
      expect(Object.keys(shape)).toEqual(expect.arrayContaining(["invite", "invitationUse", "invitationEvent"]));
      expect(shape.inviteUse).toBeUndefined();
      expect(Object.keys(shape.invite?.fields ?? {}).sort()).toEqual(Object.keys(expected.invite?.fields ?? {}).sort());
      expect(shape.invite?.fields.tokenDigest).toEqual({ required: true, unique: true });
      expect(Object.keys(shape.invitationUse?.fields ?? {}).sort()).toEqual(Object.keys(expected.invitationUse?.fields ?? {}).sort());
      expect(shape.invitationUse?.fields.usedBy?.required).toBe(true);
      expect(shape.invitationUse?.references).toEqual({ inviteId: { table: "invite", onDelete: "restrict" } });
      expect(shape.invitationEvent?.references).toEqual({ inviteId: { table: "invite", onDelete: "restrict" } });
    });
  }
});

/** The statement the plugin's error gives, as an operator would copy it from the log. */
function fixStatement(error: unknown): string {
  expect(error).toBeInstanceOf(MissingInviteUseIndexError);
  const message = error instanceof Error ? error.message : "";
  const statement = /CREATE UNIQUE INDEX [^;]+;/.exec(message)?.[0];
  if (!statement) throw new Error(`no CREATE UNIQUE INDEX in: ${message}`);
  return statement;
}

/** The error the first call meets (schema-check.test.ts shows the same refusal over HTTP: a 500). */
async function refusal(auth: ReturnType<typeof cliAuth>): Promise<unknown> {
  return auth.api.ok().then(
    () => null,
    (error: unknown) => error,
  );
}

/**
 * The Kysely SQL applied as written: the plugin refuses to start, naming the missing index; the statement its error
 * gives is run as is, and the next request (no restart) starts it; then an invitation is created and accepted, and
 * the same person accepting again is refused by the index. With the README's statements Better Auth 1.7's own
 * migrator then finds nothing left to add.
 */
function kyselyStory(
  name: string,
  open: () => {
    database: Database.Database | pg.Pool | MysqlPool;
    run: (statement: string) => Promise<unknown>;
    close: () => Promise<void>;
  },
  readme: string,
) {
  return async () => {
    const { run: cliRun } = outputOf(name);
    const { database, run, close } = open();
    try {
      for (const statement of statementsOf(cliRun.output)) await run(statement);
      const auth = cliAuth(database, { logger: { disabled: true } });

      const statement = fixStatement(await refusal(auth));
      expect(await pluginRows(auth)).toEqual({ invite: 0, inviteUse: 0, inviteEvent: 0 });
      await run(statement);
      expect((await firstRequest(auth)).status).toBe(200);

      const story = await createAndAccept(auth);
      expect(story.created.status).toBe(200);
      expect(story.accepted).toMatchObject({ status: 200, body: { role: "admin", previousRole: "user" } });
      expect(story.acceptedAgain).toMatchObject({ status: 409, body: { code: "INVITE_ALREADY_ACCEPTED" } });
      expect({ role: story.role, uses: story.uses, useCount: Number(story.useCount) }).toEqual({ role: "admin", uses: 1, useCount: 1 });
      expect(await pluginRows(auth)).toEqual({ invite: 1, inviteUse: 1, inviteEvent: 2 });

      for (const added of statementsOf(await readFile(join(import.meta.dirname, "fixtures", readme), "utf8"))) {
        if (added.startsWith("CREATE UNIQUE INDEX")) continue;
        await run(added);
      }
      const { compileMigrations, toBeCreated, toBeAdded } = await getMigrations(auth.options);
      expect({ toBeCreated, toBeAdded }).toEqual({ toBeCreated: [], toBeAdded: [] });
      expect((await compileMigrations()).replace(/;/g, "").trim(), "left to migrate after the README's statements").toBe("");
    } finally {
      await close();
    }
  };
}

describe("the Kysely SQL, applied to a real database", () => {
  it(
    "SQLite: refused until the index is added, then create and accept work, and the README's statements complete the schema",
    kyselyStory(
      "kysely-sqlite",
      () => {
        const database = new Database(sqliteFile("kysely-sqlite"));
        return { database, run: async (statement) => database.exec(statement), close: async () => void database.close() };
      },
      "add-missing-indexes.sql",
    ),
  );

  it.skipIf(!postgresUrl)(
    "PostgreSQL (needs TEST_POSTGRES_URL): refused until the index is added, then create and accept work, and the README's statements complete the schema",
    kyselyStory(
      "kysely-pg",
      () => {
        const pool = new pg.Pool({ connectionString: postgres?.url, max: 4 });
        return { database: pool, run: (statement) => pool.query(statement), close: () => pool.end() };
      },
      "add-missing-indexes.sql",
    ),
  );

  it.skipIf(!mysqlUrl)(
    "MariaDB (needs TEST_MYSQL_URL): refused until the index is added, then create and accept work, and the README's statements complete the schema",
    kyselyStory(
      "kysely-mysql",
      () => {
        const pool = createPool({ uri: mysql?.url ?? "", timezone: "Z", connectionLimit: 4 });
        return { database: pool, run: (statement) => pool.query(statement), close: () => pool.end() };
      },
      "add-missing-indexes.mysql.sql",
    ),
  );

  it("SQLite, renamed: the error names the renamed table and field, and its statement fixes it", async () => {
    const { run } = outputOf("kysely-sqlite-renamed");
    const database = new Database(sqliteFile("kysely-sqlite-renamed"));
    try {
      database.exec(run.output);
      const auth = cliAuth(database, { invite: { schema: renamedSchema }, logger: { disabled: true } });
      const statement = fixStatement(await refusal(auth));
      expect(statement).toBe(`CREATE UNIQUE INDEX "invite_use_invite_user_unique" ON "invitationUse" ("inviteId", "usedBy");`);
      database.exec(statement);
      const story = await createAndAccept(auth);
      expect([story.accepted.status, story.acceptedAgain.status, story.uses]).toEqual([200, 409, 1]);
    } finally {
      database.close();
    }
  });
});

describe("the Drizzle PostgreSQL schema, applied by drizzle-kit to PGlite", () => {
  it("is refused with the Drizzle line to add; with that line, drizzle-kit's next migration adds the index and create and accept work", async () => {
    outputOf("drizzle-pg");
    const file = join(folder.dir, "drizzle-pg.ts");
    const generated: Record<string, unknown> = await import(/* @vite-ignore */ pathToFileURL(file).href);
    const client = new PGlite();
    try {
      for (const statement of await generateMigration(generateDrizzleJson({}), generateDrizzleJson(generated)))
        await client.exec(statement);
      const auth = cliAuth(
        drizzleAdapter(drizzle({ client, schema: generated }), { provider: "pg", schema: generated, transaction: true }),
        {
          logger: { disabled: true },
        },
      );

      const error = await refusal(auth);
      expect(error).toBeInstanceOf(MissingInviteUseIndexError);
      const message = error instanceof Error ? error.message : "";
      const line = /uniqueIndex\("invite_use_invite_user_unique"\)\.on\(table\.inviteId, table\.usedByUserId\)/.exec(message)?.[0];
      expect(line, message).toBeDefined();
      expect(await pluginRows(auth)).toEqual({ invite: 0, inviteUse: 0, inviteEvent: 0 });

      // Drizzle's default, no transactions: nothing can be probed and undone, so the plugin starts and says so.
      const lines: { level: string; message: string }[] = [];
      const withoutTransactions = cliAuth(drizzleAdapter(drizzle({ client, schema: generated }), { provider: "pg", schema: generated }), {
        logger: logInto(lines),
      });
      expect((await firstRequest(withoutTransactions)).status).toBe(200);
      const warning = lines.find((entry) => entry.level === "warn" && entry.message.includes("invite plugin"))?.message ?? "";
      expect(warning).toContain("the drizzle adapter runs without transactions, so the check could not be undone and was not run");
      expect(warning).toContain("pass `transaction: true` to drizzleAdapter");
      expect(warning).toContain(line);
      expect(await pluginRows(auth)).toEqual({ invite: 0, inviteUse: 0, inviteEvent: 0 });

      // What the error tells a Drizzle user to do: the line in the inviteUse table, then drizzle-kit generate.
      const source = await readFile(file, "utf8");
      const useTable = source.indexOf("export const inviteUse = pgTable(");
      const extra = source.indexOf("(table) => [", useTable) + "(table) => [".length;
      const fixedSource = `${source.slice(0, extra)}\n    ${line},${source.slice(extra)}`.replace(
        '} from "drizzle-orm/pg-core";',
        '  uniqueIndex,\n} from "drizzle-orm/pg-core";',
      );
      const fixedFile = join(folder.dir, "drizzle-pg-fixed.ts");
      await writeFile(fixedFile, fixedSource);
      const fixed: Record<string, unknown> = await import(/* @vite-ignore */ pathToFileURL(fixedFile).href);
      const migration = await generateMigration(generateDrizzleJson(generated), generateDrizzleJson(fixed));
      expect(migration).toEqual([
        `CREATE UNIQUE INDEX "invite_use_invite_user_unique" ON "invite_use" USING btree ("invite_id","used_by_user_id");`,
      ]);
      for (const statement of migration) await client.exec(statement);

      expect((await firstRequest(auth)).status).toBe(200);
      const story = await createAndAccept(auth);
      expect(story.accepted).toMatchObject({ status: 200, body: { role: "admin" } });
      expect(story.acceptedAgain).toMatchObject({ status: 409, body: { code: "INVITE_ALREADY_ACCEPTED" } });
      expect(await pluginRows(auth)).toEqual({ invite: 1, inviteUse: 1, inviteEvent: 2 });
    } finally {
      await client.close();
    }
  });
});
