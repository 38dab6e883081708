import { type AddressInfo, createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable, unavailableDatabaseCode } from "@/lib/errors/unavailable";

/** The errors the real drivers raise, through Drizzle's wrapper: which ones mean "out of reach". */
describe("isDatabaseUnavailable", () => {
  const opened: { end: () => Promise<unknown> }[] = [];
  afterAll(async () => {
    for (const client of opened) await client.end();
  });

  async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error("expected a failure");
  }

  it("recognises a refused connection", async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const client = postgres(`postgres://nobody@127.0.0.1:${port}/none`, { max: 1, connect_timeout: 2, onnotice: () => {} });
    opened.push(client);
    const error = await failureOf(() => drizzlePostgres({ client }).execute(sql`select 1`));
    expect(unavailableDatabaseCode(error)).toBe("ECONNREFUSED");
  });

  it("does not take a query's own error for an outage", async () => {
    const client = new PGlite();
    opened.push({ end: () => client.close() });
    const db = drizzlePglite({ client });
    const syntax = await failureOf(() => db.execute(sql`select from nowhere at all`));
    const missing = await failureOf(() => db.execute(sql`select * from no_such_table`));
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(missing)).toBe(false);
    expect(isDatabaseUnavailable(new Error("ECONNREFUSED in a message is not a code"))).toBe(false);
  });

  it("recognises PostgreSQL's own connection-class states, through a wrapper", () => {
    for (const code of ["08006", "08001", "57P01", "57P03", "53300"]) {
      expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("server said"), { code }) }))).toBe(true);
    }
    expect(isDatabaseUnavailable(Object.assign(new Error("unique"), { code: "23505" }))).toBe(false);
  });
});
