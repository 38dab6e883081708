// Prints one line of counts from the vitest and Playwright JSON reports, for CI logs.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync("test-results/vitest.json")) {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

if (existsSync("test-results/playwright.json")) {
  const { stats } = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  console.log(`playwright: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
}

console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
