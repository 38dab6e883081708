import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema; they do not need a live database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});
