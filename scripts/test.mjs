// `npm test`: the whole suite, in as little time as this machine allows. Finds the database and cache servers
// (scripts/test/services.mjs), then runs two lanes side by side: the static checks and the production build in one,
// the vitest suites in the other (they wait on databases and child processes much of the time, which leaves a core for
// the checks); then the Playwright projects on that build. Ends with what ran, what was skipped and why, and the time.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { findServices } from "./test/services.mjs";

const root = path.resolve(import.meta.dirname, "..");
const logs = path.join(root, "test-results", "logs");
mkdirSync(logs, { recursive: true });
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const results = [];

/** Runs one npm script or command, its output kept in test-results/logs/ and printed whole when it ends. */
function step(name, command, args, env) {
  const stepStarted = Date.now();
  console.log(`▶ ${name}`);
  const file = path.join(logs, `${name.replaceAll(/[^a-z0-9]+/gi, "-")}.log`);
  const log = createWriteStream(file);
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((resolve) => {
    child.once("close", (code, signal) => {
      log.end(() => {
        const ms = Date.now() - stepStarted;
        const ok = code === 0;
        results.push({ name, ok, ms });
        console.log(`\n━━━ ${name}: ${ok ? "passed" : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds(ms)} ━━━`);
        process.stdout.write(readFileSync(file, "utf8"));
        resolve(ok);
      });
    });
  });
}

const npm = (script, env) => step(script, "npm", ["run", "--silent", script], env);

const { env, found } = await findServices();
console.log("Servers for the suite:");
for (const service of found) console.log(`  ${service.ok ? "✓" : "✗"} ${service.line}`);
if (found.some((service) => service.fatal)) process.exit(1);

// The plugin's build comes first: the typecheck, the app's build and both suites import its dist/.
let ok = await npm("build:plugin", env);
if (ok) {
  const [checks, unit] = await Promise.all([
    (async () => {
      let passed = true;
      for (const script of ["format:check", "typecheck", "lint"]) passed = (await npm(script, env)) && passed;
      // The one production build every Playwright project runs on.
      const built = await step("next build", "npx", ["next", "build"], env);
      return { passed: passed && built, built };
    })(),
    npm("test:unit", env),
  ]);
  ok = checks.passed && unit;
  // The browser stories need the build; a failed check or unit test still lets them run, so one run reports everything.
  ok = (checks.built ? await step("playwright", "npx", ["playwright", "test"], env) : false) && ok;
}

console.log("\n━━━ Summary ━━━");
for (const service of found) if (!service.ok) console.log(`Skipped: ${service.line}`);
await new Promise((resolve) =>
  spawn("node", [path.join(root, "scripts", "test-summary.mjs")], { cwd: root, stdio: "inherit" }).once("close", resolve),
);
for (const result of results) console.log(`${result.ok ? "✓" : "✗"} ${result.name.padEnd(14)} ${seconds(result.ms).padStart(6)}`);
console.log(
  `npm test ${ok ? "passed" : "FAILED"} in ${Math.floor((Date.now() - started) / 60_000)} min ${Math.round(((Date.now() - started) % 60_000) / 1000)} s`,
);
process.exit(ok ? 0 : 1);
