// `node --import tsx e2e/support/start-server.ts <pglite|postgres> <port>`: the production build for one Playwright
// project (playwright.config.ts), on its own port and its own fresh database, dropped when Playwright stops it.
import { createDatabase, postgresServerUrl } from "../../tests/harness/database";
import { productionEnv, startServer } from "../../tests/harness/server";
import { seededAdmin } from "./fixtures";

async function main() {
  const [target, portArgument] = process.argv.slice(2);
  const port = Number(portArgument);
  if ((target !== "pglite" && target !== "postgres") || !Number.isInteger(port))
    throw new Error("usage: start-server.ts <pglite|postgres> <port>");
  if (target === "postgres" && !postgresServerUrl) throw new Error("The postgres project needs DATABASE_URL or TEST_DATABASE_URL");

  const database = await createDatabase("e2e", target === "postgres" ? postgresServerUrl : undefined);
  try {
    const server = await startServer({
      port,
      env: productionEnv({ port, database: database.env, secret: "e2e-secret-e2e-secret-e2e-secret-e2e-secret", seedAdmin: seededAdmin }),
      // Without npm start's heap cap: the stories measure no memory.
      nodeFlags: [],
      echo: true,
    });
    const stop = () => void server.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    process.exitCode = (await server.exited) ?? 0;
  } finally {
    await database.drop().catch((error: unknown) => console.error("Could not drop the e2e database:", error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
