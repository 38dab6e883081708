import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The app uses the invite plugin as any Better Auth app would, through the package's public entry points,
 * and the package depends on nothing but better-auth, zod and the platform. ESLint holds both rules
 * (eslint.config.mjs); these tests lint made-up files at real paths, so that a rule that stops matching fails here.
 */
const eslint = new ESLint({ cwd: import.meta.dirname + "/../.." });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("package boundaries", () => {
  it("lets the app import the package's two entry points, and nothing inside it", async () => {
    const allowed =
      'import { invite } from "@invite-kit/better-auth";\nimport { inviteClient } from "@invite-kit/better-auth/client";\nexport const used = [invite, inviteClient];\n';
    expect(await restrictedImports("lib/probe.ts", allowed)).toEqual([]);

    const inside = 'import { hashToken } from "@invite-kit/better-auth/src/token";\nexport const used = hashToken;\n';
    expect(await restrictedImports("lib/probe.ts", inside)).toEqual([expect.stringContaining("never from a file inside it")]);
    const built = 'import { invite } from "@invite-kit/better-auth/dist/index.js";\nexport const used = invite;\n';
    expect(await restrictedImports("app/probe.tsx", built)).toEqual([expect.stringContaining("never from a file inside it")]);
    const byPath = 'import { invite } from "../packages/better-auth-invite/src/index";\nexport const used = invite;\n';
    expect(await restrictedImports("lib/probe.ts", byPath)).toEqual([expect.stringContaining("not by a path into packages/")]);
  });

  it("lets the package import better-auth, zod, the platform and its own files, and nothing else", async () => {
    const allowed =
      'import { APIError } from "better-auth/api";\nimport { z } from "zod";\nimport { randomUUID } from "node:crypto";\nimport { hashToken } from "./token";\nexport const used = [APIError, z, randomUUID, hashToken];\n';
    expect(await restrictedImports("packages/better-auth-invite/src/probe.ts", allowed)).toEqual([]);

    const fromApp = 'import { env } from "@/lib/env";\nexport const used = env;\n';
    expect(await restrictedImports("packages/better-auth-invite/src/probe.ts", fromApp)).toContainEqual(
      expect.stringContaining("never imports from the app"),
    );
    const otherLibrary = 'import { Kysely } from "kysely";\nexport const used = Kysely;\n';
    expect(await restrictedImports("packages/better-auth-invite/src/routes/probe.ts", otherLibrary)).toEqual([
      expect.stringContaining("depends only on better-auth and zod"),
    ]);
  });
});
