// The tables on each target: what the plugin declares, as each database really holds it.
import { getAuthTables } from "better-auth/db";
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { INVITE_ERROR_CODES, invite } from "../../src/index";
import { schemaOptions } from "../support/auth-options";
import { drizzleSchema } from "../support/drizzle-schema";
import { startInstance } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

describe("the package", () => {
  it("exports the plugin and its error codes", () => {
    expect(invite().id).toBe("invite");
    expect(INVITE_ERROR_CODES.INSUFFICIENT_PERMISSIONS.code).toBe("INSUFFICIENT_PERMISSIONS");
  });
});

describeTargets(targets, (target) => {
  const database = useDatabase(target);

  it("holds the unique index on inviteUse (inviteId, usedByUserId) that stops one person taking two uses", async () => {
    const { inviteUseNames: names } = database();
    const indexes = await database().inviteUseIndexes();
    if (indexes === null) {
      // The memory adapter has no indexes at all: nothing in it stops a second use by the same person (race.test.ts).
      expect(target.serialisesWrites).toBe(false);
      return;
    }
    expect(indexes).toContainEqual({ name: "invite_use_invite_user_unique", unique: true, columns: [names.inviteId, names.usedByUserId] });
  });

  it("serves requests: Better Auth's schema check and the plugin's start-up check pass on these tables", async () => {
    const app = await startInstance(database());
    const reply = await app.call("/invite/list", {});
    // No session: the plugin's own refusal, which only comes once both checks let the request through.
    expect(reply).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
  });
});

/** A Drizzle column's data type, as Better Auth's field types map to PostgreSQL. */
const PG_TYPE = new Map([
  ["string", "PgText"],
  ["number", "PgInteger"],
  ["boolean", "PgBoolean"],
  ["date", "PgTimestamp"],
  ["json", "PgJsonb"],
]);

describe("the Drizzle schema of the suite (test/support/drizzle-schema.ts)", () => {
  const tables = getAuthTables(schemaOptions);
  const drizzleTables: Record<string, PgTable> = drizzleSchema;

  it.each(Object.entries(tables))("has every field of the %s model, with its type, nullability and uniqueness", (model, table) => {
    const drizzleTable = drizzleTables[table.modelName];
    expect(drizzleTable, model).toBeDefined();
    if (!drizzleTable) return;
    const byKey = new Map(Object.entries(getTableColumns(drizzleTable)));
    expect([...byKey.keys()].sort()).toEqual(["id", ...Object.entries(table.fields).map(([key, field]) => field.fieldName ?? key)].sort());
    for (const [key, field] of Object.entries(table.fields)) {
      const column = byKey.get(field.fieldName ?? key);
      const type = PG_TYPE.get(String(field.type)) ?? `no mapping for ${String(field.type)}`;
      expect({ field: key, type: column?.columnType, notNull: column?.notNull, unique: column?.isUnique }).toEqual({
        field: key,
        type,
        notNull: field.required === true,
        unique: field.unique === true,
      });
    }
  });

  const pluginModels = Object.entries(tables).filter(([model]) => model.startsWith("invite"));
  it("covers the plugin's three models", () =>
    expect(pluginModels.map(([model]) => model).sort()).toEqual(["invite", "inviteEvent", "inviteUse"]));

  it.each(pluginModels)("declares every index of the plugin's %s model", (model, table) => {
    const drizzleTable = drizzleTables[table.modelName];
    if (!drizzleTable) throw new Error(`no Drizzle table for ${model}`);
    const config = getTableConfig(drizzleTable);
    const declared = config.indexes.map((index) => ({
      name: index.config.name,
      unique: index.config.unique,
      columns: index.config.columns.map((column) => ("name" in column ? column.name : "?")),
    }));
    const columns = getTableColumns(drizzleTable);
    const fieldNames = new Map(Object.entries(table.fields).map(([key, field]) => [key, field.fieldName ?? key]));
    const columnOf = (field: string) => columns[fieldNames.get(field) ?? field]?.name;
    expect(table.indexes?.length, model).toBeGreaterThan(0);
    for (const index of table.indexes ?? []) {
      expect(declared, index.name).toContainEqual({ name: index.name, unique: index.unique === true, columns: index.fields.map(columnOf) });
    }
  });
});
