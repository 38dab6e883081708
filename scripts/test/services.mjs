// Which database and cache servers the suite can use: those its variables name, else the default local addresses, if
// they answer. What answers is handed to the suites through the same variables a developer would set by hand; what does
// not is named, with the tests it leaves out, in the summary (scripts/test.mjs).
import net from "node:net";

/** Whether PostgreSQL at `url` runs a query (trust auth, as on a developer's machine and in CI). */
async function postgresAnswers(url) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

async function mysqlAnswers(url) {
  const { default: mysql } = await import("mysql2/promise");
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 2000 });
    await connection.query("select 1");
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/** Redis's own PING, without a client library: `+PONG` is the whole answer. */
function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.once("error", () => done(false));
  });
}

const services = [
  {
    name: "PostgreSQL",
    variables: ["TEST_DATABASE_URL", "DATABASE_URL"],
    fallback: "postgres://postgres@127.0.0.1:5432/postgres",
    check: postgresAnswers,
    // The app's suites read TEST_DATABASE_URL (or DATABASE_URL); the plugin's matrix reads TEST_POSTGRES_URL.
    provide: (url) => ({ TEST_DATABASE_URL: url, TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL || url }),
    leavesOut: "the vitest project postgres, the Playwright project postgres and the plugin's PostgreSQL matrix run on PGlite only",
  },
  {
    name: "MySQL/MariaDB",
    variables: ["TEST_MYSQL_URL"],
    fallback: "mysql://root@127.0.0.1:3306/mysql",
    check: mysqlAnswers,
    provide: (url) => ({ TEST_MYSQL_URL: url }),
    leavesOut: "the plugin's MySQL/MariaDB matrix (packages/better-auth-invite/test/) is skipped",
  },
  {
    name: "Redis",
    variables: ["TEST_REDIS_URL", "REDIS_URL"],
    fallback: "redis://127.0.0.1:6379",
    check: redisAnswers,
    provide: (url) => ({ TEST_REDIS_URL: url }),
    leavesOut: "tests/auth/redis*.test.ts and the security suite's Redis race are skipped",
  },
];

/**
 * Finds each service and returns the variables to run the suites with, and one line per service saying what was
 * found. A URL that is set but does not answer fails the run: whoever set it meant the tests to use it.
 */
export async function findServices() {
  const env = {};
  const found = [];
  for (const service of services) {
    const variable = service.variables.find((name) => process.env[name]);
    const url = variable ? process.env[variable] : service.fallback;
    const redacted = url.replace(/\/\/[^@/]*@/, "//…@");
    if (await service.check(url)) {
      Object.assign(env, service.provide(url));
      found.push({
        name: service.name,
        ok: true,
        line: `${service.name}: ${redacted}${variable ? ` (${variable})` : " (found on its default address)"}`,
      });
    } else if (variable) {
      found.push({
        name: service.name,
        ok: false,
        fatal: true,
        line: `${service.name}: ${variable} is set to ${redacted}, which does not answer`,
      });
    } else {
      found.push({ name: service.name, ok: false, line: `${service.name}: nothing answers on ${redacted}: ${service.leavesOut}` });
    }
  }
  return { env, found };
}
