// The benchmark's second server: one Better Auth instance with the admin, invite AND organization
// plugins on the app's database, so the two invitation plugins are measured side by side in one process.
import { createServer } from "node:http";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { toNodeHandler } from "better-auth/node";
import { admin, organization } from "better-auth/plugins";
import { openDatabase } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { ac, defaultRole, roles } from "@/lib/auth/permissions";
import { orgAuthSchema } from "./org-schema";

const env = parseEnv(process.env);
const connection = openDatabase(env.database);

async function serve() {
  // The plugin is published as ESM only, and tsx runs bench/ as CommonJS (the app's package.json has no "type"):
  // require() cannot load it on Node 20, import() can.
  const { invite } = await import("@invite-kit/better-auth");
  const auth = betterAuth({
    baseURL: env.betterAuthUrl,
    // The app's secret: the session cookies the app signed are valid here too.
    secret: env.betterAuthSecret,
    database: drizzleAdapter(connection.db, { provider: "pg", schema: orgAuthSchema, transaction: true }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    rateLimit: { enabled: env.rateLimitEnabled },
    plugins: [
      admin({ ac, roles, defaultRole, adminRoles: ["admin"] }),
      // As lib/auth/server.ts configures it, minus the emails: the benchmark creates shareable invites only.
      invite({
        canCreateInvite: { statement: "invite", permissions: ["create"] },
        defaultRedirectAfterUpgrade: "/dashboard/role-upgraded",
      }),
      // Defaults, except the member cap: each accept organization takes all 120 benchmark users. The cap
      // is checked with one COUNT whatever its value, so raising it changes no work per request.
      organization({ membershipLimit: 1_000 }),
    ],
  });

  const server = createServer(toNodeHandler(auth));
  server.listen(env.port, () => console.info(`[bench] organization server on ${env.betterAuthUrl}`));
  return server;
}

const serving = serve();

function shutDown() {
  // PGlite must be closed to flush its files: the benchmark reads the database after this server.
  void serving
    .then((server) => server.close())
    .finally(() => connection.close())
    .finally(() => process.exit(0));
}
process.on("SIGTERM", shutDown);
process.on("SIGINT", shutDown);
