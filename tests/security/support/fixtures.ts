import { test as base } from "@playwright/test";
import { Client, uniqueEmail } from "./client";
import { createDatabase, type Database, portFor, seededAdmin, type Server, startServer } from "./server";

/**
 * One production server for the whole security suite (per worker), on a fresh
 * database: PostgreSQL when it is configured, PGlite otherwise.
 */
export const test = base.extend<
  {
    client: Client;
    admin: Client;
    newUser: (role?: "user" | "moderator" | "admin") => Promise<{ client: Client; email: string; password: string; id: string }>;
  },
  { server: Server; database: Database }
>({
  database: [
    async ({}, provide) => {
      const database = await createDatabase("suite");
      await provide(database);
      await database.drop();
    },
    { scope: "worker" },
  ],
  server: [
    async ({ database }, provide) => {
      const server = await startServer({ port: portFor(0), database });
      await provide(server);
      await server.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  client: async ({ server }, provide) => {
    await provide(new Client(server.url));
  },
  admin: async ({ server }, provide) => {
    const admin = new Client(server.url);
    await admin.signIn(seededAdmin);
    await provide(admin);
  },
  newUser: async ({ server }, provide) => {
    await provide(async (role = "user") => {
      const client = new Client(server.url);
      const email = uniqueEmail(role);
      const password = "a-long-enough-password";
      const { user } = await client.signUp({ name: `A ${role}`, email, password });
      // A role above user comes as the app gives one: an admin's invitation, accepted. The admin signs in from an
      // address of its own, so that the set-up spends none of the budgets the test's own admin client counts.
      if (role !== "user") {
        const granter = new Client(server.url);
        await granter.signIn(seededAdmin);
        const created = await granter.api("/invite/create", { body: { role, maxUses: 1 } });
        if (!created.ok) throw new Error(`invite/create failed: ${created.status} ${await created.text()}`);
        const { token } = (await created.json()) as { token: string };
        const accepted = await client.api("/invite/accept", { body: { token } });
        if (!accepted.ok) throw new Error(`invite/accept failed: ${accepted.status} ${await accepted.text()}`);
      }
      return { client, email, password, id: user.id };
    });
  },
});

export { expect } from "@playwright/test";
