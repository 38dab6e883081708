// GET /invite/list's `q`: invitations whose address contains some text, through Better Auth's `contains` operator.
import type { DBAdapter, Where } from "better-auth";

/**
 * Better Auth's SQL adapters turn `contains` into `LIKE '%value%'` without escaping the value, so a `%` or `_` in it
 * would match any text or any one character. PostgreSQL and MySQL/MariaDB take a backslash as LIKE's escape
 * character by default, so there it is escaped and matches itself. SQLite's LIKE has no escape character unless the
 * statement names one, which the adapters never do: there they stay wildcards (the README says so). The memory and
 * MongoDB adapters match the text itself. An adapter that does not say which database it runs on is left alone,
 * since a backslash that is not an escape would make the search miss what it should find.
 */
function escapesWithBackslash(adapter: Pick<DBAdapter, "id" | "options">): boolean {
  const options = adapter.options;
  if (adapter.id === "kysely") return options?.type === "postgres" || options?.type === "mysql";
  if (adapter.id === "drizzle") return options?.provider === "pg" || options?.provider === "mysql";
  return false;
}

/** The condition for invitations whose (lower-cased) address contains `q`, in any case. */
export function emailContains(adapter: Pick<DBAdapter, "id" | "options">, q: string): Where {
  const text = q.toLowerCase();
  return {
    field: "email",
    operator: "contains",
    value: escapesWithBackslash(adapter) ? text.replace(/[\\%_]/g, (character) => `\\${character}`) : text,
  };
}
