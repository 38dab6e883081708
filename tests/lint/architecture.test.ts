import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The import rules docs/architecture.md draws, held by ESLint (eslint.config.mjs): no cycles, components never reach
 * the database, pages never use its API. Each is shown to fire on made-up files, so a rule that stops matching fails
 * here instead of passing silently.
 */
const root = path.join(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function messages(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === ruleId).map((message) => message.message);
}

describe("import cycles", () => {
  // The cycle rule reads the files a module imports from disk, so the probes are real files, removed afterwards.
  const probes = [
    "lib/cycle-probe-a.ts",
    "lib/cycle-probe-b.ts",
    "lib/cycle-probe-c.ts",
    "lib/cycle-probe-d.ts",
    "lib/cycle-probe-e.ts",
  ].map((file) => path.join(root, file));
  afterAll(() => {
    for (const probe of probes) rmSync(probe, { force: true });
  });

  it("refuses a module that imports, through others, a module importing it back, and names the chain", async () => {
    writeFileSync(probes[1]!, 'import { c } from "@/lib/cycle-probe-c";\nexport const b = () => c();\n');
    writeFileSync(probes[2]!, 'import { a } from "./cycle-probe-a";\nexport const c = () => a();\n');
    const code = 'import { b } from "./cycle-probe-b";\nexport const a = (): unknown => b;\n';
    writeFileSync(probes[0]!, code);
    expect(await messages("lib/cycle-probe-a.ts", code, "invite-kit/no-import-cycle")).toEqual([
      expect.stringContaining("lib/cycle-probe-a.ts → lib/cycle-probe-b.ts → lib/cycle-probe-c.ts → lib/cycle-probe-a.ts"),
    ]);
  });

  it("lets type-only imports go both ways, since they are gone at run time", async () => {
    // Files of their own: the rule keeps what it read of the probes above for the whole run.
    writeFileSync(probes[4]!, 'import type { D } from "./cycle-probe-d";\nexport type E = { d?: D };\n');
    const code = 'import type { E } from "./cycle-probe-e";\nexport type D = { e?: E };\n';
    writeFileSync(probes[3]!, code);
    expect(await messages("lib/cycle-probe-d.ts", code, "invite-kit/no-import-cycle")).toEqual([]);
  });
});

describe("layers", () => {
  it("keeps components away from the database, even its query helpers' handle", async () => {
    const code = 'import { getDb } from "@/lib/db";\nexport const used = getDb;\n';
    expect(await messages("components/probe.tsx", code, "no-restricted-imports")).toEqual([
      expect.stringContaining("Components never import the database"),
    ]);
    const drizzle = 'import { eq } from "drizzle-orm";\nexport const used = eq;\n';
    expect(await messages("components/probe.tsx", drizzle, "no-restricted-imports")).toEqual([
      expect.stringContaining("never the database's own API"),
    ]);
  });

  it("lets a page read through lib's query functions, never the schema or drizzle", async () => {
    const query = 'import { listUsersWithInviters } from "@/lib/invitations/audit";\nexport const used = listUsersWithInviters;\n';
    expect(await messages("app/probe/page.tsx", query, "no-restricted-imports")).toEqual([]);
    const schema = 'import { user } from "@/lib/db/schema";\nexport const used = user;\n';
    expect(await messages("app/probe/page.tsx", schema, "no-restricted-imports")).toEqual([
      expect.stringContaining("never the database's own API"),
    ]);
  });
});
