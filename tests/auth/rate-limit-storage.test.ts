import { eq } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import { getConnection, getDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { rateLimit } from "@/lib/db/schema";
import { consumeInDatabase } from "@/lib/rate-limit-storage";
import { rateLimitStorageContract } from "../support/rate-limit-storage-contract";

describe("the rate-limit storage shared by Better Auth and the app, in the database", () => {
  beforeAll(async () => {
    await migrateDatabase(getConnection());
  });

  rateLimitStorageContract(consumeInDatabase, async (key) => {
    const [row] = await getDb().select({ count: rateLimit.count }).from(rateLimit).where(eq(rateLimit.key, key));
    return row?.count ?? null;
  });
});
