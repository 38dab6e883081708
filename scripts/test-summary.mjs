// Prints the counts from the vitest and Playwright JSON reports, and every skipped test by file, for the end of
// `npm test` (scripts/test.mjs) and CI's log.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

let passed = 0;
let failed = 0;
const skipped = new Map();
const skip = (file, title) => skipped.set(file, [...(skipped.get(file) ?? []), title]);

if (existsSync("test-results/vitest.json")) {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const file of report.testResults)
    for (const test of file.assertionResults)
      if (["skipped", "pending", "todo"].includes(test.status)) skip(path.relative(process.cwd(), file.name), test.fullName);
  console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

if (existsSync("test-results/playwright.json")) {
  const report = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
  const { stats } = report;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests) if (test.status === "skipped") skip(spec.file, `[${test.projectName}] ${spec.title}`);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  console.log(`playwright: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
}

const skippedCount = [...skipped.values()].reduce((sum, titles) => sum + titles.length, 0);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skippedCount} skipped`);
for (const [file, titles] of skipped) {
  console.log(`  skipped in ${file}:`);
  for (const title of titles) console.log(`    - ${title}`);
}
