import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { storyServerPort } from "./e2e/support/ports";

/**
 * Browser stories against the production build (`next build` runs first, in
 * `npm run test:e2e`). One server on PGlite always; a second on a fresh
 * PostgreSQL database whenever DATABASE_URL or TEST_DATABASE_URL is set.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const targets = [
  { name: "pglite", port: storyServerPort.pglite },
  ...(postgresUrl ? [{ name: "postgres", port: storyServerPort.postgres }] : []),
];

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/e2e",
  // One test at a time: a story is CPU-bound on this 2-core machine (Chromium, the server, axe), and two side by side
  // each took twice as long, so that the longest ran out of their time (measured 2026-12-06). The projects can run side
  // by side (their own servers, databases and ports: e2e/support/ports.ts) on a machine with cores to spare.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]]
    : [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    ...targets.map((target) => ({
      name: target.name,
      use: { baseURL: `http://localhost:${target.port}` },
      testIgnore: "dev-server.spec.ts",
    })),
    {
      // `next dev`, as the README's first command starts it, on a server the spec starts itself: one run is enough.
      name: "dev",
      testMatch: "dev-server.spec.ts",
    },
    {
      // The adversarial suite: real HTTP against production servers it starts itself (rate limits on).
      name: "security",
      // One shared server per worker, on one port (support/fixtures.ts).
      workers: 1,
      testDir: "./tests/security",
      testMatch: "**/*.spec.ts",
      timeout: 120_000,
    },
  ],
  webServer: targets.map((target) => ({
    command: `node --import tsx e2e/support/start-server.ts ${target.name} ${target.port}`,
    url: `http://localhost:${target.port}/api/auth/ok`,
    timeout: 120_000,
    reuseExistingServer: false,
    // A SIGTERM (Playwright's default is SIGKILL) lets the launcher stop the server and drop its database.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
  })),
});
