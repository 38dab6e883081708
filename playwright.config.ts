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
  // Two projects at a time, each one file after another: the stories of one project share its server and count what
  // it holds (the funnel, the outbox, the users), so they never run beside each other; the projects have nothing in
  // common (their own servers, databases and ports: e2e/support/ports.ts), and a story spends much of its time waiting
  // on its server, so two of them keep this 2-core machine's cores busy.
  fullyParallel: false,
  workers: 2,
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
      workers: 1,
      use: { baseURL: `http://localhost:${target.port}` },
      testIgnore: "dev-server.spec.ts",
    })),
    {
      // `next dev`, as the README's first command starts it, on a server the spec starts itself: one run is enough.
      name: "dev",
      workers: 1,
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
