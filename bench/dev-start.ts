// `npx tsx bench/dev-start.ts [--runs 3] [--port 3700]`: how long the README's first command takes to its first page.
// Each run copies this working tree (node_modules hard-linked) to a new folder, does what `npm install`'s postinstall
// does, starts `npm run dev` there and times the first answer of `/`, then of a sign-in page and an invite link,
// as someone following the README would open them. Prints each run and the median; the README quotes it.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: { runs: { type: "string", default: "3" }, port: { type: "string", default: "3700" } },
});
const runs = Number(flags.runs);
const port = Number(flags.port);
const root = path.resolve(__dirname, "..");
const pages = ["/", "/sign-in", "/invite/not-a-real-token"] as const;

type Run = { firstPageMs: number; pageMs: Record<string, number>; milestones: string[] };

/** The tracked and untracked (not ignored) files of this tree, plus node_modules and the built plugin, in a new folder. */
function copyTree(): string {
  const target = mkdtempSync(path.join(tmpdir(), "invite-kit-dev-start-"));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    try {
      cpSync(path.join(root, file), path.join(target, file));
    } catch {
      // Deleted in the working tree but still in the index.
    }
  }
  // Hard links: a copy of node_modules would take longer than the thing measured.
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(target, "node_modules")]);
  for (const workspace of readdirSync(path.join(root, "packages"))) {
    for (const folder of ["node_modules", "dist"]) {
      try {
        execFileSync("cp", ["-al", path.join(root, "packages", workspace, folder), path.join(target, "packages", workspace, folder)]);
      } catch {
        // This workspace has no such folder.
      }
    }
  }
  return target;
}

async function waitForPage(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within the deadline`);
}

async function oneRun(): Promise<Run> {
  const folder = copyTree();
  // What `npm install` does after installing (package.json's postinstall): the plugin is already built.
  execFileSync(process.execPath, ["scripts/initialise-pglite.mjs"], { cwd: folder, stdio: "inherit" });
  const started = Date.now();
  const milestones: string[] = [];
  // As a person starts it: no NODE_ENV inherited from whatever runs the benchmark.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["NODE_ENV", "DATABASE_URL", "RESEND_API_KEY", "PGLITE_DIR"]) delete env[name];
  const server = spawn("npm", ["run", "dev", "--", "-p", String(port)], {
    cwd: folder,
    env,
    detached: true,
    stdio: "pipe",
  });
  const note = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (/Ready|Compil|GET |migrat|seed/i.test(line)) milestones.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${line.trim()}`);
    }
  };
  server.stdout.on("data", note);
  server.stderr.on("data", note);
  const pageMs: Record<string, number> = {};
  try {
    for (const page of pages) {
      const before = Date.now();
      await waitForPage(`http://localhost:${port}${page}`, started + 180_000);
      pageMs[page] = Date.now() - before;
    }
  } finally {
    // `next dev` runs its server in a child: stop the whole group.
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(folder, { recursive: true, force: true });
  }
  return { firstPageMs: pageMs["/"]!, pageMs, milestones };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const load = loadavg()[0]!.toFixed(2);
    const run = await oneRun();
    results.push(run);
    console.log(`run ${i + 1} (load average ${load} before): ${pages.map((page) => `${page} ${seconds(run.pageMs[page]!)}`).join(", ")}`);
    for (const milestone of run.milestones) console.log(`    ${milestone}`);
  }
  console.log(
    `median of ${runs}: first page ${seconds(median(results.map((run) => run.firstPageMs)))}; ` +
      pages
        .slice(1)
        .map((page) => `then ${page} ${seconds(median(results.map((run) => run.pageMs[page]!)))}`)
        .join(", "),
  );
}

void main();
