import { beforeAll, describe, expect, it } from "vitest";
import { ensureSeedAccounts, seedAccounts } from "@/lib/auth/seed";
import { startTestApp, uniqueEmail } from "../support/app";

describe("seed accounts", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it("asks for nothing without SEED_ADMIN_*, the admin alone in production, and the demo moderator and user too when asked", () => {
    expect(seedAccounts({ seedAdmin: null, seedDemoAccounts: true })).toEqual([]);
    const admin = { email: "boss@example.com", password: "boss-password" };
    expect(seedAccounts({ seedAdmin: admin, seedDemoAccounts: false }).map((account) => account.role)).toEqual(["admin"]);
    expect(seedAccounts({ seedAdmin: admin, seedDemoAccounts: true }).map((account) => [account.email, account.role])).toEqual([
      ["boss@example.com", "admin"],
      ["moderator@example.com", "moderator"],
      ["user@example.com", "user"],
    ]);
  });

  it("creates a missing admin, verified, who can sign in as admin", async () => {
    const email = uniqueEmail("seed-admin");
    const created = await ensureSeedAccounts(app.auth, [{ email, password: "seed-password", name: "Seed", role: "admin" }]);
    expect(created).toEqual([email]);

    const response = await app.request("/sign-in/email", { body: { email, password: "seed-password" } });
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ email, role: "admin", emailVerified: true });
  });

  it("never overwrites an existing account's password or role", async () => {
    const email = uniqueEmail("seed-existing");
    await app.request("/sign-up/email", { body: { name: "Owner", email, password: "owner-password" } });

    const created = await ensureSeedAccounts(app.auth, [{ email, password: "seed-password", name: "Seed", role: "admin" }]);
    expect(created).toEqual([]);

    expect((await app.request("/sign-in/email", { body: { email, password: "seed-password" } })).status).toBe(401);
    const own = await app.request("/sign-in/email", { body: { email, password: "owner-password" } });
    expect((await own.json()).user).toMatchObject({ role: "user", name: "Owner" });
  });

  it("is safe when two servers seed at the same moment", async () => {
    const email = uniqueEmail("seed-race");
    const account = { email, password: "race-password", name: "Race", role: "admin" as const };
    const results = await Promise.all([ensureSeedAccounts(app.auth, [account]), ensureSeedAccounts(app.auth, [account])]);
    expect(results.flat()).toHaveLength(1);
  });
});
