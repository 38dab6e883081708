import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/*
 * Runs Better Auth's CLI as a user does: `better-auth generate --config auth.ts --output … --yes`, in a folder of
 * its own. The CLI is @better-auth/cli 1.4.22 (the last that runs on Node 20): it loads the config with jiti, so the
 * config's imports (better-auth 1.7.25, this plugin's source) resolve from the folder; a `node_modules` link to the
 * repository's makes them resolve as they would in an app.
 */

const require = createRequire(import.meta.url);
/** The CLI's bin (`better-auth`): its package's main entry is the bin itself. */
export const cliBin = require.resolve("@better-auth/cli");
const betterAuthEntry = require.resolve("better-auth");
const repositoryModules = betterAuthEntry.slice(0, betterAuthEntry.lastIndexOf("/node_modules/") + "/node_modules".length);
/** Imported by the configs by absolute path, so that they can live outside the repository. */
export const cliAuthModule = resolve(import.meta.dirname, "cli-auth.ts");

export type CliRun = { name: string; exitCode: number; output: string; log: string; milliseconds: number };

export async function cliFolder(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "invitekit-cli-"));
  await symlink(repositoryModules, join(dir, "node_modules"), "dir");
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `config` as `<name>.auth.ts` in `dir` and runs `generate` on it, writing to `<name>.<extension>`. */
export async function generate(dir: string, name: string, config: string, extension: string): Promise<CliRun> {
  const configFile = join(dir, `${name}.auth.ts`);
  const outputFile = join(dir, `${name}.${extension}`);
  await writeFile(configFile, config);
  const started = performance.now();
  const { exitCode, log } = await new Promise<{ exitCode: number; log: string }>((done) => {
    execFile(
      process.execPath,
      [cliBin, "generate", "--cwd", dir, "--config", configFile, "--output", outputFile, "--yes"],
      // No telemetry, no colours in what the test reads.
      { cwd: dir, env: { ...process.env, BETTER_AUTH_TELEMETRY: "0", NO_COLOR: "1", FORCE_COLOR: "0" }, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, log: `${stdout}${stderr}` }),
    );
  });
  const milliseconds = performance.now() - started;
  const output = exitCode === 0 ? await readFile(outputFile, "utf8").catch(() => "") : "";
  return { name, exitCode, output, log, milliseconds };
}

/** Runs the jobs with at most `limit` at once: each CLI run is a Node process of its own, on a 2-core machine. */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The statements of an SQL file as the CLI writes them (one per line, each ending in a semicolon), without comments. */
export function statementsOf(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(/;\s*\n/)
    .map((statement) => statement.trim().replace(/;$/, ""))
    .filter((statement) => statement.length > 0);
}
