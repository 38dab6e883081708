import { defineConfig } from "vitest/config";

/**
 * The plugin's own suite: the whole contract on every database Better Auth supports. It runs on its own
 * (`npm test` in this folder) and as a project of the repository's root `npm run test:unit`.
 */
export default defineConfig({
  test: {
    name: "plugin",
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // Real databases on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
