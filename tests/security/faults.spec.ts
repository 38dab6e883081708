import postgres from "postgres";
import { Client, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";
import { createDatabase, type Database, portFor, postgresUrl, seededAdmin, type Server, startServer } from "./support/server";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";

// What an answer must never show: a stack frame, a driver's error, the database's address or SQL.
const internals = /\n\s+at \S|node_modules|ECONN|CONNECTION_|CONNECT_TIMEOUT|postgres|5432|\bselect\b|\bupdate\b "|DrizzleQueryError|Failed query/i;
const unavailable = { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/temporarily unavailable/) };

async function newUser(server: Server) {
  const client = new Client(server.url);
  const email = uniqueEmail("user");
  const { user } = await client.signUp({ name: "A user", email, password: "a-long-enough-password" });
  return { client, email, id: user.id };
}

async function createShareable(admin: Client, body: Record<string, unknown> = {}) {
  const response = await admin.api("/invite/create", { body: { role: "moderator", maxUses: 5, ...body } });
  expect(response.status).toBe(200);
  return (await response.json()) as { token: string; url: string; invitation: { id: string } };
}

test.describe("PostgreSQL out of reach", () => {
  test.skip(!postgresUrl, "needs PostgreSQL: the proxy stands between the app and a PostgreSQL server");

  let database: Database & { kind: "postgres" };
  let proxy: TcpProxy;
  let server: Server;
  // Straight to PostgreSQL, past the proxy: what the database really holds, and a lock to stop an accept half-way.
  let direct: postgres.Sql;
  let admin: Client;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    database = (await createDatabase("faults")) as Database & { kind: "postgres" };
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, portFor(20));
    const throughProxy = new URL(database.url);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    server = await startServer({ port: portFor(21), database, databaseUrl: throughProxy.toString() });
    direct = postgres(database.url, { max: 3, onnotice: () => {} });
    admin = new Client(server.url);
    await admin.signIn(seededAdmin);
  });

  test.afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await direct?.end();
    await database?.drop();
  });

  test.afterEach(async () => {
    // Each test starts with the database reachable again, whatever happened.
    if (proxy.connections() === 0) await proxy.restore().catch(() => {});
  });

  async function stateOf(inviteId: string, userId: string) {
    const [invite] = await direct`select use_count, uses_left, status from invite where id = ${inviteId}`;
    const uses = await direct`select id from invite_use where invite_id = ${inviteId} and used_by_user_id = ${userId}`;
    const [user] = await direct`select role from "user" where id = ${userId}`;
    return { useCount: invite!.use_count as number, usesLeft: invite!.uses_left as number, status: invite!.status as string, uses: uses.length, role: user!.role as string | null };
  }

  /**
   * Sends an accept and cuts the database away while it is inside its transaction: a lock on the
   * user's row (taken past the proxy) holds the accept after it has spent the use and written its
   * audit row, just before it changes the role. Then every connection through the proxy drops.
   */
  async function acceptCutMidway(userId: string, send: () => Promise<Response>) {
    const locker = await direct.reserve();
    await locker`begin`;
    // NO KEY UPDATE: the audit row's foreign key (KEY SHARE) passes, the role's UPDATE waits.
    await locker`select id from "user" where id = ${userId} for no key update`;
    const answer = send();
    let waiting: { pid: number } | undefined;
    for (let tries = 0; !waiting && tries < 200; tries++) {
      [waiting] = await direct<{ pid: number }[]>`
        select pid from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update "user"%'`;
      if (!waiting) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(waiting, "the accept reached the role change inside its transaction").toBeDefined();
    await proxy.cut();
    const response = await answer;
    await locker`rollback`;
    locker.release();
    // PostgreSQL ends the cut session (and rolls its transaction back) once it finds the client gone.
    for (let tries = 0; tries < 200; tries++) {
      const [alive] = await direct`select pid from pg_stat_activity where pid = ${waiting!.pid}`;
      if (!alive) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return response;
  }

  test("a connection cut in the middle of an HTTP accept answers 503 SERVICE_UNAVAILABLE, leaves no half-done accept, and the same accept succeeds once the database is back", async () => {
    const { token, invitation } = await createShareable(admin);
    const user = await newUser(server);
    const before = await stateOf(invitation.id, user.id);

    const response = await acceptCutMidway(user.id, () => user.client.api("/invite/accept", { body: { token } }));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject(unavailable);
    expect(text).not.toMatch(internals);

    // No spent use without a role, no role without a use record: the transaction is gone as a whole.
    expect(await stateOf(invitation.id, user.id)).toEqual(before);

    await proxy.restore();
    const retry = await user.client.api("/invite/accept", { body: { token } });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ role: "moderator", previousRole: "user" });
    expect(await stateOf(invitation.id, user.id)).toEqual({ ...before, useCount: before.useCount + 1, usesLeft: before.usesLeft - 1, uses: 1, role: "moderator" });
  });

  test("a connection cut in the middle of the accept form's server action tells the person to try again, changes nothing, and the same form works once the database is back", async () => {
    const { token, invitation } = await createShareable(admin);
    const user = await newUser(server);
    const before = await stateOf(invitation.id, user.id);

    const response = await acceptCutMidway(user.id, () => user.client.action(`/invite/${token}`, "acceptInviteAction", { token }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("temporarily unavailable");
    expect(text).not.toMatch(internals);
    expect(await stateOf(invitation.id, user.id)).toEqual(before);

    await proxy.restore();
    const retry = await user.client.action(`/invite/${token}`, "acceptInviteAction", { token });
    // Accepted: the action redirects to the page the invitation names.
    expect(retry.headers.get("x-action-redirect")).toMatch(/role-upgraded/);
    expect(await stateOf(invitation.id, user.id)).toMatchObject({ uses: 1, role: "moderator", useCount: before.useCount + 1 });
  });

  test("with the database unreachable, accept, look-up and create answer 503 SERVICE_UNAVAILABLE and pages show the error page; nothing changes, and all work again without a restart", async ({ page }) => {
    const { token, invitation } = await createShareable(admin);
    const user = await newUser(server);
    const before = await stateOf(invitation.id, user.id);
    const invitesBefore = (await direct`select count(*)::int as n from invite`)[0]!.n as number;

    await proxy.cut();
    const calls = {
      accept: () => user.client.api("/invite/accept", { body: { token } }),
      lookUp: () => user.client.api(`/invite/get?token=${encodeURIComponent(token)}`),
      create: () => admin.api("/invite/create", { body: { role: "moderator", maxUses: 3 } }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const response = await call();
      const text = await response.text();
      expect(response.status, `${name}: ${text}`).toBe(503);
      expect(response.headers.get("retry-after")).toBeTruthy();
      expect(JSON.parse(text), name).toMatchObject(unavailable);
      expect(text).not.toMatch(internals);
    }

    const action = await user.client.action(`/invite/${token}`, "acceptInviteAction", { token });
    expect(action.status).toBe(200);
    const actionText = await action.text();
    expect(actionText).toContain("temporarily unavailable");
    expect(actionText).not.toMatch(internals);

    const created = await admin.action("/dashboard/invites", "createInviteAction", { role: "moderator", maxUses: "5" });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("temporarily unavailable");

    // A page can only throw to its error boundary: the HTML is Next.js's bare error shell (status 500) and the browser
    // renders app/error.tsx from it. What the person sees is that page, never the error.
    await page.context().addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: server.url })));
    for (const path of ["/dashboard", `/invite/${token}`]) {
      const response = await admin.send(path);
      expect(await response.text()).not.toMatch(/\n\s+at \S|node_modules|ECONN|CONNECTION_|DrizzleQueryError|Failed query/);
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
      // The site header still renders, without the account links it cannot know.
      await expect(page.getByRole("link", { name: "Invite Kit" })).toBeVisible();
      expect(await page.content()).not.toMatch(/\n\s+at \S|node_modules|ECONN|CONNECTION_|APIError/);
    }

    await proxy.restore();
    expect(await stateOf(invitation.id, user.id)).toEqual(before);
    expect((await direct`select count(*)::int as n from invite`)[0]!.n).toBe(invitesBefore);

    expect((await calls.lookUp()).status).toBe(200);
    expect((await calls.accept()).status).toBe(200);
    expect((await calls.create()).status).toBe(200);
    expect((await admin.send("/dashboard")).status).toBe(200);
  });
});
