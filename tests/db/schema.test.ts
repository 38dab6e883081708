import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { startTestApp } from "../support/app";

describe("the database schema", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it("holds every field Better Auth and its plugins write (admin, twoFactor, invite)", async () => {
    const context = await app.auth.$context;
    expect(context.checkSchema).toBeTypeOf("function");
    await expect(Promise.resolve(context.checkSchema?.())).resolves.toBeUndefined();
  });

  it("is created by the committed migrations, and migrating again changes nothing", async () => {
    await migrateDatabase(getConnection());
    const tables = await app.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const rows = "rows" in tables ? tables.rows : tables;
    expect(rows.map((row) => row.table_name)).toEqual([
      "account",
      "invite",
      "invite_event",
      "invite_use",
      "outbox_email",
      "rate_limit",
      "session",
      "two_factor",
      "user",
      "user_event",
      "verification",
    ]);
  });
});
