import { inject } from "vitest";
import { createPostgresDatabase } from "../harness/database";

// The app reads its configuration once, from process.env: set it before any test imports the app.
process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret-test";
process.env.BETTER_AUTH_URL = "http://localhost:3000";
process.env.EMAIL_TRANSPORT ??= "outbox";
delete process.env.RESEND_API_KEY;
delete process.env.SEED_ADMIN_EMAIL;
delete process.env.SEED_ADMIN_PASSWORD;
delete process.env.RATE_LIMIT_ENABLED;
// Redis is for the files that ask for it (tests/auth/redis*.test.ts, through testRedisUrl in support/redis.ts); the rest run on the database alone.
if (!process.env.TEST_REDIS_URL && process.env.REDIS_URL) process.env.TEST_REDIS_URL = process.env.REDIS_URL;
delete process.env.REDIS_URL;

if (process.env.TEST_DATABASE_KIND === "postgres") {
  // A database of this file's own, dropped with the rest of the run's (support/postgres-database.ts).
  process.env.DATABASE_URL = (await createPostgresDatabase(inject("postgresLabel"), inject("postgresServer"))).url;
  delete process.env.PGLITE_DIR;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}
