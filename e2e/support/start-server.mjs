// Starts the production build for one Playwright project, on its own port and its own fresh database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import postgres from "postgres";

const [target, port] = process.argv.slice(2);
const baseUrl = `http://localhost:${port}`;

const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  BETTER_AUTH_URL: baseUrl,
  EMAIL_TRANSPORT: "outbox",
  SEED_ADMIN_EMAIL: "admin@example.com",
  SEED_ADMIN_PASSWORD: "e2e-admin-password",
  RATE_LIMIT_ENABLED: "false",
};
delete env.DATABASE_URL;
delete env.PGLITE_DIR;
delete env.RESEND_API_KEY;

let cleanUp = async () => {};

if (target === "postgres") {
  const baseDatabaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  // TEST_DATABASE_PREFIX tells apart the databases of checkouts that share one PostgreSQL server.
  const name = `${process.env.TEST_DATABASE_PREFIX || "invitekit"}_e2e_${Date.now()}_${process.pid}`;
  const admin = postgres(baseDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  cleanUp = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
} else {
  const dir = `.data/e2e-pglite-${port}`;
  rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = dir;
}

// The app's own server, as `npm start` runs it (without its heap cap: the stories measure no memory).
const server = spawn(process.execPath, ["server.mjs", "-p", port], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", async (code) => {
  await cleanUp().catch((error) => console.error("Could not drop the e2e database:", error));
  process.exit(code ?? 0);
});
