// Creates a PGlite data folder (PostgreSQL's initdb) if it is not there yet: `node scripts/initialise-pglite.mjs <dir> [options-json]`.
// Run by `npm install` for the default folder, so the first `npm run dev` only opens it, and by lib/db/client.ts
// in a short-lived child process for any other folder (see initialiseElsewhere there for why not in-process).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

const [dirArgument = ".data/pglite", optionsJson] = process.argv.slice(2);
const dir = path.resolve(dirArgument);
// Must match PGLITE_OPTIONS in lib/db/client.ts: initdb sizes the cluster from them.
const options = optionsJson ? JSON.parse(optionsJson) : { postgresqlconf: ["shared_buffers=16MB"] };

if (!existsSync(path.join(dir, "PG_VERSION"))) {
  // PGlite creates its own folder but not the parents.
  mkdirSync(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(dir, options);
  await db.close();
}
