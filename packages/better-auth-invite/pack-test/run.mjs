#!/usr/bin/env node
// The packed plugin in a scratch app: `npm pack` this package, install the tarball into a new project outside the
// repository with better-auth, zod and the three database drivers from the registry, and run the seed example's
// flows and the race there on SQLite, PostgreSQL and MySQL, after proving the client entry holds no server code.
//
//   node packages/better-auth-invite/pack-test/run.mjs                   everything
//   node packages/better-auth-invite/pack-test/run.mjs --pack-to DIR     only npm pack into DIR, and check the tarball
//   node packages/better-auth-invite/pack-test/run.mjs --tarball FILE    everything after npm pack, on FILE
//   --report FILE                                                         also write { passed, failed } counts to FILE
//
// The split lets CI pack before `npm test` rebuilds dist/ (tsdown empties it first) and run the rest beside it.
// PostgreSQL and MySQL come from TEST_POSTGRES_URL and TEST_MYSQL_URL (server URLs): each run makes its own
// database there (invitekit_pack_*) and drops it at the end, whatever happened. Unset, that database is skipped,
// except under CI=true, where every database must run. PACK_TEST_KEEP=1 keeps the scratch folder.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import mysql from "mysql2/promise";
import pg from "pg";

const packageDir = path.resolve(import.meta.dirname, "..");
const templateDir = path.join(import.meta.dirname, "app");
const inCI = process.env.CI === "true" || process.env.CI === "1";
const keep = process.env.PACK_TEST_KEEP === "1";
const { values: flags } = parseArgs({
  options: { "pack-to": { type: "string" }, tarball: { type: "string" }, report: { type: "string" } },
});

// What a user installs next to the plugin: its peers and the drivers the seed example runs on.
const DEPENDENCIES = ["better-auth@^1.7", "zod@^4", "better-sqlite3@12", "pg", "mysql2"];
// The tarball holds the build and the documents a reader of the registry page needs, nothing else.
const DOCUMENTS = ["README.md", "CHANGELOG.md", "LICENSE"];
const MINUTE = 60_000;

const timings = [];
const notes = [];
const databases = [];
let scratch;
const children = new Set();

class StepFailed extends Error {}

function fail(message) {
  throw new StepFailed(message);
}

async function timed(label, fn) {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([label, performance.now() - started]);
  }
}

/**
 * Runs a command to the end, its output in a log file (printed when it fails). npm_* variables are dropped: run
 * from an npm script, they would carry this repository's npm settings (its workspace, its prefix) into the
 * scratch project, which must install as a stranger's would.
 */
function run(command, args, { cwd, log, timeoutMs, env = {} }) {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...cleanEnv, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.add(child);
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const text = Buffer.concat(output).toString("utf8");
      if (log) writeFileSync(log, text);
      resolve({ code, signal, text });
    });
  });
}

/**
 * Each child leads its own process group, so that a timeout or a stop ends what it started too (npm install's
 * node-gyp, make and compilers), not just the child.
 */
function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch (error) {
    // ESRCH: the group has exited already.
    if (error?.code !== "ESRCH") throw error;
  }
}

function tail(text, lines = 40) {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

async function pack(destination) {
  const result = await run("npm", ["pack", "--pack-destination", destination], {
    cwd: packageDir,
    log: path.join(scratch, "pack.log"),
    timeoutMs: 5 * MINUTE,
  });
  if (result.code !== 0) fail(`npm pack failed (exit ${result.code}):\n${tail(result.text)}`);
  const name = result.text.trimEnd().split("\n").at(-1).trim();
  const tarball = path.join(destination, name);
  if (!name.endsWith(".tgz") || !existsSync(tarball)) fail(`npm pack named no tarball:\n${tail(result.text)}`);
  return tarball;
}

async function checkTarball(tarball) {
  const listed = await run("tar", ["-tzf", tarball], { timeoutMs: MINUTE });
  if (listed.code !== 0) fail(`tar could not read ${tarball}:\n${listed.text}`);
  // Directory entries (which npm does not write, but other tools do) are not files.
  const files = listed.text
    .trim()
    .split("\n")
    .filter((line) => !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
  const unexpected = files.filter((file) => !file.startsWith("dist/") && file !== "package.json" && !DOCUMENTS.includes(file));
  if (unexpected.length > 0)
    fail(`the tarball holds files beyond dist/, package.json and ${DOCUMENTS.join(", ")}: ${unexpected.join(", ")}`);
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
  const targets = new Set();
  const collect = (value) => {
    if (typeof value === "string") targets.add(value.replace(/^\.\//, ""));
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  collect(manifest.main);
  collect(manifest.types);
  const missingTargets = [...targets].filter((target) => !files.includes(target));
  if (missingTargets.length > 0) fail(`the tarball lacks files its package.json points to: ${missingTargets.join(", ")}`);
  const missingDocuments = DOCUMENTS.filter((document) => !files.includes(document));
  if (missingDocuments.length > 0) notes.push(`the tarball has no ${missingDocuments.join(", ")} yet (package.json "files" lists them)`);
  console.log(`tarball ${path.basename(tarball)}: ${files.length} files: ${files.join(", ")}`);
}

async function install(tarball) {
  const app = path.join(scratch, "app");
  cpSync(templateDir, app, { recursive: true });
  const npm = (args, label, timeoutMs = MINUTE) =>
    run("npm", args, { cwd: app, log: path.join(scratch, `${label}.log`), timeoutMs }).then((result) => {
      if (result.code !== 0) fail(`${["npm", ...args].join(" ")} failed (exit ${result.code}):\n${tail(result.text)}`);
      return result;
    });
  await npm(["init", "-y"], "init");
  // npm 11 runs no dependency's install script unless the project allows it; better-sqlite3 builds its addon in one.
  await npm(["pkg", "set", "allowScripts.better-sqlite3=true", "--json"], "pkg");
  await timed("npm install (tarball, better-auth, zod, better-sqlite3 build, pg, mysql2)", () =>
    npm(["install", "--no-audit", "--no-fund", tarball, ...DEPENDENCIES], "install", 15 * MINUTE),
  );
  const installed = JSON.parse(readFileSync(path.join(app, "node_modules/better-auth/package.json"), "utf8")).version;
  console.log(`installed into ${app}: better-auth ${installed}`);
  return app;
}

async function clientScan(app) {
  const result = await run(process.execPath, ["client-scan.mjs"], { cwd: app, timeoutMs: MINUTE });
  process.stdout.write(result.text.replace(/^(?=.)/gm, "  "));
  if (result.code !== 0) fail("the client entry check failed (above)");
}

/** A fresh database on the server of `serverUrl`, recorded for the drop at the end. */
async function createDatabase(kind, serverUrl, name) {
  const url = new URL(serverUrl);
  // Recorded first: a stop that lands while it is being made still drops it ("if exists").
  databases.push({ kind, serverUrl, name });
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(`create database "${name}"`);
    } finally {
      await client.end();
    }
  } else {
    const connection = await mysql.createConnection({ uri: serverUrl });
    try {
      await connection.query(`create database \`${name}\``);
    } finally {
      await connection.end();
    }
  }
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases() {
  for (const { kind, serverUrl, name } of databases.splice(0)) {
    try {
      if (kind === "postgres") {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`drop database if exists "${name}" with (force)`).finally(() => client.end());
      } else {
        const connection = await mysql.createConnection({ uri: serverUrl });
        await connection.query(`drop database if exists \`${name}\``).finally(() => connection.end());
      }
    } catch (error) {
      console.error(`could not drop ${kind} database ${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
}

/** The scratch app on one database, in its own process; its lines carry the database's name. */
async function runApp(app, kind, target) {
  const resultsFile = path.join(scratch, `results-${kind}.json`);
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["main.mjs", kind, target, resultsFile], {
      cwd: app,
      // Better Auth refuses to run on its default secret in production and warns about it elsewhere.
      env: { ...process.env, BETTER_AUTH_SECRET: "invite-kit-pack-test-secret-not-for-production-use" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.add(child);
    const output = [];
    const timer = setTimeout(() => killGroup(child), 5 * MINUTE);
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      output.push(chunk);
    });
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, text: Buffer.concat(output).toString("utf8") });
    });
  });
  timings.push([`flows on ${kind}`, performance.now() - started]);
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")).results : [];
  if (result.code !== 0 && !results.some((entry) => !entry.ok)) {
    results.push({ name: "the app process", ok: false, message: `exited ${result.code ?? result.signal}:\n${tail(result.text)}` });
  }
  return { kind, results };
}

function targets() {
  const list = [["sqlite", path.join(scratch, "app.sqlite")]];
  for (const [kind, variable] of [
    ["postgres", "TEST_POSTGRES_URL"],
    ["mysql", "TEST_MYSQL_URL"],
  ]) {
    const url = process.env[variable];
    if (url) list.push([kind, url]);
    else if (inCI) fail(`${variable} is unset: CI runs the scratch app on every database`);
    else notes.push(`${kind} skipped (needs ${variable})`);
  }
  return list;
}

async function main() {
  scratch = mkdtempSync(path.join(tmpdir(), "invitekit-pack-"));
  console.log(`--- pack-test in ${scratch}`);
  const tarball = flags.tarball
    ? path.resolve(flags.tarball)
    : await timed("npm pack (prepack: tsdown)", () => pack(flags["pack-to"] ? path.resolve(flags["pack-to"]) : scratch));
  await checkTarball(tarball);
  const steps = ["the tarball holds dist/ and its documents, and every file its package.json points to"];
  if (flags["pack-to"]) {
    console.log(`tarball: ${tarball}`);
    return { passed: steps, failed: [] };
  }
  const app = await install(tarball);
  steps.push("the tarball installs into a new project with better-auth, zod and the drivers from the registry");
  await timed("client entry scan", () => clientScan(app));
  steps.push("the client entry loads no server code, and the scan refuses the server entry");

  const stamp = `${Date.now().toString(36)}_${process.pid}`;
  const plan = [];
  for (const [kind, target] of targets()) {
    plan.push([kind, kind === "sqlite" ? target : await createDatabase(kind, target, `invitekit_pack_${stamp}`)]);
  }
  // One process per database, all at once: most of their time is spent waiting on a database or on scrypt's
  // thread pool, so together they take little more than the slowest.
  const outcomes = await timed("flows on every database, in parallel", () =>
    Promise.all(plan.map(([kind, target]) => runApp(app, kind, target))),
  );
  const passed = steps.concat(
    outcomes.flatMap(({ kind, results }) => results.filter((entry) => entry.ok).map((entry) => `[${kind}] ${entry.name}`)),
  );
  const failed = outcomes.flatMap(({ kind, results }) => results.filter((entry) => !entry.ok).map((entry) => ({ kind, ...entry })));
  return { passed, failed };
}

function report({ passed, failed }) {
  console.log("--- pack-test timings");
  for (const [label, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`);
  for (const note of notes) console.log(`note: ${note}`);
  for (const failure of failed)
    console.log(`FAILED [${failure.kind}] ${failure.name}\n  ${String(failure.message).split("\n").join("\n  ")}`);
  console.log(`pack-test: ${passed.length} passed, ${failed.length} failed`);
  if (flags.report) writeFileSync(flags.report, JSON.stringify({ passed: passed.length, failed: failed.length }));
}

let cleaning;
/** Once, however it is reached: a signal and the end of main() both wait for the same drops. */
function cleanUp() {
  cleaning ??= stopAndDrop();
  return cleaning;
}

async function stopAndDrop() {
  for (const child of children) killGroup(child);
  await dropDatabases();
  if (scratch && !keep) rmSync(scratch, { recursive: true, force: true });
  else if (scratch) console.log(`kept ${scratch}`);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`pack-test: ${signal}, cleaning up`);
    cleanUp().finally(() => process.exit(1));
  });
}

const started = performance.now();
let exitCode = 0;
try {
  const outcome = await main();
  timings.push(["total", performance.now() - started]);
  report(outcome);
  if (outcome.failed.length > 0) exitCode = 1;
} catch (error) {
  timings.push(["total", performance.now() - started]);
  report({
    passed: [],
    failed: [{ kind: "setup", name: "pack-test", message: error instanceof StepFailed ? error.message : (error?.stack ?? error) }],
  });
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
