import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { seededAdmin } from "./support/fixtures";
import { ownServerPort } from "./support/ports";

test("the production server answers /api/auth/ok, signs in the seeded admin, and serves the outbox JSON", async ({ request }) => {
  const ok = await request.get("/api/auth/ok");
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ ok: true });

  const signIn = await request.post("/api/auth/sign-in/email", { data: seededAdmin, headers: { origin: new URL(ok.url()).origin } });
  expect(signIn.status()).toBe(200);
  expect((await signIn.json()).user).toMatchObject({ email: seededAdmin.email, role: "admin" });

  const outbox = await request.get("/api/dev/outbox");
  expect(outbox.status()).toBe(200);
  expect(Array.isArray((await outbox.json()).emails)).toBe(true);
});

test("the production server refuses to start without BETTER_AUTH_SECRET, and says why", async ({}, testInfo) => {
  test.setTimeout(90_000);
  const port = String(ownServerPort(testInfo.project.name, "refused-start"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR: "memory://",
    BETTER_AUTH_URL: `http://localhost:${port}`,
  };
  delete env.BETTER_AUTH_SECRET;
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ["server.mjs", "-p", port], { env });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(exitCode, output).not.toBe(0);
  expect(exitCode, output).not.toBeNull();
  expect(output).toContain("BETTER_AUTH_SECRET: required in production");
});
