import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

const parent = mkdtempSync(path.join(tmpdir(), "invite-kit-pglite-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

it("a new PGlite folder is initialised (in a child process), migrated, and keeps its data when opened again", async () => {
  const dir = path.join(parent, "nested", "data");
  const first = openDatabase({ kind: "pglite", dir });
  // openDatabase returns before PGlite's own start-up has run: a folder already initialised is the child's work.
  expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
  expect(first.kind).toBe("pglite");
  if (first.kind !== "pglite") return;
  await migrateDatabase(first);
  await first.client.query(
    `insert into "user" (id, name, email, email_verified, created_at, updated_at) values ('kept', 'Kept', 'kept@example.com', false, now(), now())`,
  );
  await first.close();

  const again = openDatabase({ kind: "pglite", dir });
  if (again.kind !== "pglite") return;
  const { rows } = await again.client.query<{ email: string }>(`select email from "user" where id = 'kept'`);
  await again.close();
  expect(rows).toEqual([{ email: "kept@example.com" }]);
});
