import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Integration tests run on PGlite always, and again on a fresh PostgreSQL
 * database (created per run) whenever DATABASE_URL or TEST_DATABASE_URL is set.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next resolves `server-only` to a no-op on the server; tests are the server.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    pool: "forks",
    // Vitest's default is one worker per core but one (a single worker on this 2-core machine), but a file here spends
    // much of its time waiting on PostgreSQL, MySQL, Redis or a child process: one more worker than cores keeps both busy.
    maxWorkers: os.availableParallelism() + 1,
    // Real databases on a 2-core CI machine: a fresh PGlite alone takes seconds to start.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      // The plugin's own suite (packages/better-auth-invite/vitest.config.ts), in the same run.
      "packages/better-auth-invite",
      {
        extends: true as const,
        // tests/postgres/ measures PostgreSQL itself (statements at its driver, query plans): PostgreSQL only.
        test: {
          name: "pglite",
          env: { TEST_DATABASE_KIND: "pglite" },
          setupFiles: ["tests/support/setup-env.ts"],
          exclude: ["tests/postgres/**", "**/node_modules/**"],
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                env: { TEST_DATABASE_KIND: "postgres" },
                globalSetup: ["tests/support/postgres-database.ts"],
                setupFiles: ["tests/support/setup-env.ts"],
                // The lint rules hold whatever the database: checked once, in the PGlite project.
                exclude: ["tests/lint/**", "**/node_modules/**"],
              },
            },
          ]
        : []),
    ],
  },
});
