import { getTableColumns, is } from "drizzle-orm";
import { MySqlTable, getTableConfig as mysqlTableConfig } from "drizzle-orm/mysql-core";
import { PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import type { DBFieldAttribute } from "better-auth/db";
import { inviteSchema } from "../../src/schema";
import type { InviteOptions } from "../../src/types";

/*
 * The CLI's three outputs (Drizzle tables, Kysely SQL, a Prisma schema) read into one shape, and the shape the
 * plugin's src/schema.ts asks for, so that one set of checks holds every output to the schema as it is today.
 * Tables and fields are named as Better Auth names them (model and field names, after the `schema` option); an
 * index lists its fields by those names.
 */

export type IndexShape = { name: string | null; fields: string[]; unique: boolean };
export type TableShape = {
  fields: Record<string, { required: boolean; unique: boolean }>;
  references: Record<string, { table: string; onDelete: string }>;
  indexes: IndexShape[];
};
export type SchemaShape = Record<string, TableShape>;

/** What src/schema.ts declares, with the given renames. */
export function expectedShape(renames?: InviteOptions["schema"]) {
  const schema = inviteSchema(renames);
  const tables: Record<string, TableShape & { tableIndexes: IndexShape[] }> = {};
  const modelNames = Object.fromEntries(Object.entries(schema).map(([key, table]) => [key, table.modelName]));
  for (const table of Object.values(schema)) {
    const nameOf = (field: string) => {
      const attributes: { fieldName?: string } | undefined = Object.entries(table.fields).find(([key]) => key === field)?.[1];
      return attributes?.fieldName ?? field;
    };
    const shape: TableShape & { tableIndexes: IndexShape[] } = {
      fields: { id: { required: true, unique: false } },
      references: {},
      indexes: [],
      tableIndexes: table.indexes.map((index) => ({
        name: index.name,
        fields: index.fields.map(nameOf),
        unique: "unique" in index && index.unique === true,
      })),
    };
    for (const [key, declared] of Object.entries(table.fields)) {
      const field: DBFieldAttribute = declared;
      const name = field.fieldName ?? key;
      shape.fields[name] = { required: field.required === true, unique: field.unique === true };
      if (field.references) {
        shape.references[name] = {
          table: modelNames[field.references.model] ?? field.references.model,
          onDelete: field.references.onDelete ?? "cascade",
        };
      }
      if (field.index && !field.unique) shape.indexes.push({ name: null, fields: [name], unique: false });
    }
    tables[table.modelName] = shape;
  }
  return tables;
}

/** The Drizzle tables a generated module exports, keyed by export name (the CLI names each after its model). */
export function drizzleShape(module: Record<string, unknown>): SchemaShape {
  const shapes: SchemaShape = {};
  const exportNameOfTable = new Map<string, string>();
  const configs: [string, ReturnType<typeof configOf>][] = [];
  for (const [exportName, value] of Object.entries(module)) {
    const config = configOf(value);
    if (!config) continue;
    exportNameOfTable.set(config.name, exportName);
    configs.push([exportName, config]);
  }
  for (const [exportName, config] of configs) {
    if (!config) continue;
    const keyOfColumn = new Map(Object.entries(config.columnsByKey).map(([key, column]) => [column.name, key]));
    const shape: TableShape = { fields: {}, references: {}, indexes: [] };
    for (const [key, column] of Object.entries(config.columnsByKey)) {
      shape.fields[key] = { required: column.notNull, unique: column.isUnique };
    }
    for (const foreignKey of config.foreignKeys) {
      const reference = foreignKey.reference();
      const target = configOf(reference.foreignTable);
      const column = reference.columns[0];
      if (!column || !target) continue;
      shape.references[keyOfColumn.get(column.name) ?? column.name] = {
        table: exportNameOfTable.get(target.name) ?? target.name,
        onDelete: foreignKey.onDelete ?? "no action",
      };
    }
    for (const index of config.indexes) {
      const fields = index.config.columns.map((column) => {
        const name = "name" in column ? column.name : undefined;
        return name === undefined ? "(expression)" : (keyOfColumn.get(name) ?? name);
      });
      shape.indexes.push({ name: index.config.name ?? null, fields, unique: index.config.unique === true });
    }
    shapes[exportName] = shape;
  }
  return shapes;
}

function configOf(value: unknown) {
  if (is(value, PgTable)) return { ...pgTableConfig(value), columnsByKey: getTableColumns(value) };
  if (is(value, MySqlTable)) return { ...mysqlTableConfig(value), columnsByKey: getTableColumns(value) };
  if (is(value, SQLiteTable)) return { ...sqliteTableConfig(value), columnsByKey: getTableColumns(value) };
  return null;
}

const identifier = String.raw`["\x60](\w+)["\x60]`;

/** The tables and indexes of the SQL the CLI writes for the built-in Kysely adapter. */
export function kyselyShape(sql: string): SchemaShape {
  const shapes: SchemaShape = {};
  for (const [, table = "", body = ""] of sql.matchAll(new RegExp(String.raw`create table ${identifier} \((.*)\);`, "g"))) {
    const shape: TableShape = { fields: {}, references: {}, indexes: [] };
    for (const definition of body.split(/, (?=["\x60])/)) {
      const [, column = "", rest = ""] = new RegExp(String.raw`^${identifier} (.*)$`).exec(definition) ?? [];
      shape.fields[column] = { required: /\bnot null\b/.test(rest), unique: /\bunique\b/.test(rest) };
      const reference = new RegExp(String.raw`references ${identifier} \(${identifier}\)(?: on delete (\w+(?: \w+)?))?`).exec(rest);
      if (reference) shape.references[column] = { table: reference[1] ?? "", onDelete: reference[3] ?? "no action" };
    }
    shapes[table] = shape;
  }
  for (const [, unique, name = "", table = "", columns = ""] of sql.matchAll(
    new RegExp(String.raw`create (unique )?index ${identifier} on ${identifier} \(([^)]*)\)`, "g"),
  )) {
    const fields = [...columns.matchAll(new RegExp(identifier, "g"))].map((match) => match[1] ?? "");
    shapes[table]?.indexes.push({ name, fields, unique: unique !== undefined });
  }
  return shapes;
}

/** The models of a Prisma schema, keyed by their `@@map` (the model name Better Auth uses). */
export function prismaShape(schema: string): SchemaShape {
  const blocks = [...schema.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)].map(([, model = "", body = ""]) => ({ model, body }));
  const mapOf = new Map(blocks.map(({ model, body }) => [model, /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model]));
  const shapes: SchemaShape = {};
  for (const { model, body } of blocks) {
    const shape: TableShape = { fields: {}, references: {}, indexes: [] };
    for (const line of body.split("\n").map((text) => text.trim())) {
      const attribute = /^@@(\w+)\(\[([^\]]*)\]/.exec(line);
      if (attribute) {
        const fields = (attribute[2] ?? "").split(",").map((field) => field.trim().replace(/\(.*\)$/, ""));
        const name = /map: "([^"]+)"/.exec(line)?.[1] ?? null;
        if (attribute[1] === "unique" && fields.length === 1 && fields[0]) {
          const field = shape.fields[fields[0]];
          if (field) field.unique = true;
        } else if (attribute[1] === "unique" || attribute[1] === "index") {
          shape.indexes.push({ name, fields, unique: attribute[1] === "unique" });
        }
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/.exec(line);
      if (!field) continue;
      const [, name = "", type = "", modifier, attributes = ""] = field;
      if (mapOf.has(type)) {
        // A relation field: its foreign key is the scalar field it names.
        const relation = /@relation\(fields: \[(\w+)\], references: \[\w+\], onDelete: (\w+)\)/.exec(attributes);
        if (relation) shape.references[relation[1] ?? ""] = { table: mapOf.get(type) ?? type, onDelete: (relation[2] ?? "").toLowerCase() };
        continue;
      }
      shape.fields[name] = { required: modifier !== "?", unique: /@unique\b/.test(attributes) };
    }
    shapes[mapOf.get(model) ?? model] = shape;
  }
  return shapes;
}
