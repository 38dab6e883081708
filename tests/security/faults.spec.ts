import postgres from "postgres";
import { Client, uniqueEmail } from "./support/client";
import { type FakeResend, startFakeResend } from "./support/fake-resend";
import { expect, test } from "./support/fixtures";
import { createDatabase, type Database, portFor, postgresUrl, seededAdmin, type Server, startServer } from "./support/server";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";

// What an answer must never show: a stack frame, a driver's error, the database's address or SQL.
const internals =
  /\n\s+at \S|node_modules|ECONN|CONNECTION_|CONNECT_TIMEOUT|postgres|5432|\bselect\b|\bupdate\b "|DrizzleQueryError|Failed query/i;
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
    // A session waiting on a lock notices its client is gone within this interval (PostgreSQL 14+), as one busy with a query would.
    const setup = postgres(database.url, { max: 1, onnotice: () => {} });
    await setup.unsafe(`alter database "${new URL(database.url).pathname.slice(1)}" set client_connection_check_interval = '100ms'`);
    await setup.end();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, portFor(20));
    server = await startServer({ port: portFor(21), database, databaseUrl: throughProxy() });
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

  function throughProxy(): string {
    const url = new URL(database.url);
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    return url.toString();
  }

  async function stateOf(inviteId: string, userId: string) {
    const [invite] = await direct`select use_count, uses_left, status from invite where id = ${inviteId}`;
    const uses = await direct`select id from invite_use where invite_id = ${inviteId} and used_by_user_id = ${userId}`;
    const [user] = await direct`select role from "user" where id = ${userId}`;
    return {
      useCount: invite!.use_count as number,
      usesLeft: invite!.uses_left as number,
      status: invite!.status as string,
      uses: uses.length,
      role: user!.role as string | null,
    };
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
    // PostgreSQL ends the cut session, still waiting for the lock, once it finds its client gone (and rolls its transaction back).
    let ended = false;
    for (let tries = 0; !ended && tries < 200; tries++) {
      ended = (await direct`select pid from pg_stat_activity where pid = ${waiting!.pid}`).length === 0;
      if (!ended) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ended, "PostgreSQL ended the session whose client was cut").toBe(true);
    await locker`rollback`;
    locker.release();
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
    expect(await stateOf(invitation.id, user.id)).toEqual({
      ...before,
      useCount: before.useCount + 1,
      usesLeft: before.usesLeft - 1,
      uses: 1,
      role: "moderator",
    });
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

  test("with rate limiting off (so no rate-limit query fails first), a session look-up the database cannot answer is a 503 too, not Better Auth's 500 FAILED_TO_GET_SESSION", async () => {
    const unlimited = await startServer({ port: portFor(23), database, databaseUrl: throughProxy(), env: { RATE_LIMIT_ENABLED: "false" } });
    try {
      const user = await newUser(unlimited);
      await proxy.cut();
      const response = await user.client.api("/get-session");
      const text = await response.text();
      expect(response.status, text).toBe(503);
      expect(JSON.parse(text)).toMatchObject(unavailable);
      expect(text).not.toMatch(internals);
      await proxy.restore();
      expect((await user.client.api("/get-session")).status).toBe(200);
    } finally {
      await unlimited.stop();
    }
  });

  test("with the database unreachable, accept, look-up and create answer 503 SERVICE_UNAVAILABLE and pages show the error page; nothing changes, and all work again without a restart", async ({
    page,
  }) => {
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

    const created = await admin.action("/dashboard/invites", "createInviteAction", { audience: "anyone", role: "moderator", maxUses: "5" });
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

  test("a database that takes connections and never answers gets a 503 within the deadline, not a request held forever", async () => {
    const { token } = await createShareable(admin);
    const user = await newUser(server);
    await proxy.blackHole();
    try {
      const started = Date.now();
      const response = await user.client.api("/invite/accept", { body: { token } });
      const text = await response.text();
      expect(response.status, text).toBe(503);
      expect(JSON.parse(text)).toMatchObject(unavailable);
      expect(text).not.toMatch(internals);
      // The deadline is 15 s (lib/http/auth-handler.ts); postgres-js's own connect timeout would take 30 s.
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      await proxy.restore();
    }
    expect((await user.client.api("/invite/accept", { body: { token } })).status).toBe(200);
  });
});

test.describe("email provider failure (Resend)", () => {
  let fake: FakeResend;
  let database: Database;
  let server: Server;
  let admin: Client;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    fake = await startFakeResend();
    database = await createDatabase("resend");
    server = await startServer({
      port: portFor(22),
      database,
      env: {
        EMAIL_TRANSPORT: "resend",
        RESEND_API_KEY: "re_test_key",
        RESEND_BASE_URL: fake.url,
        EMAIL_FROM: "Invite Kit <invites@example.com>",
      },
    });
    admin = new Client(server.url);
    await admin.signIn(seededAdmin);
  });

  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await fake?.close();
  });

  test.beforeEach(() => {
    fake.answer({ kind: "ok" });
    fake.requests.length = 0;
  });

  async function pendingFor(email: string) {
    const response = await admin.api(`/invite/list?email=${encodeURIComponent(email)}`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as { invitations: { id: string; email: string | null; status: string }[] };
    return list.invitations.filter((invitation) => invitation.status === "pending");
  }

  /** The one email the fake received: from the app's address, with the API key, and a link that opens the invitation. */
  async function expectOneInvitationEmail(to: string) {
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: "POST", path: "/emails", authorization: "Bearer re_test_key" });
    expect(sent!.body).toMatchObject({ from: "Invite Kit <invites@example.com>", to, subject: "You're invited as moderator!" });
    const link = `${server.url}/api/auth/invite/`;
    const inHtml = new RegExp(`${link}[^"<\\s]+`).exec(sent!.body.html ?? "")?.[0];
    const inText = new RegExp(`${link}\\S+`).exec(sent!.body.text ?? "")?.[0];
    expect(inHtml).toBeTruthy();
    expect(inText).toBe(inHtml);

    // Following the link as the invitee's browser would: it keeps the token and lands on the accept page.
    const visitor = new Client(server.url);
    const opened = await visitor.send(inHtml!.replace(server.url, ""));
    expect(opened.status).toBe(302);
    const landing = opened.headers.get("location")!;
    const page = await visitor.send(new URL(landing, server.url).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("invited as Moderator");
    const token = decodeURIComponent(inHtml!.slice(link.length));
    const lookUp = await visitor.api(`/invite/get?token=${encodeURIComponent(token)}`);
    expect(await lookUp.json()).toMatchObject({ invitation: { role: "moderator", status: "pending", isPrivate: true } });
  }

  test("a private invitation created through the API sends one email through Resend, whose link opens the invitation", async () => {
    const email = uniqueEmail("invitee");
    const response = await admin.api("/invite/create", { body: { role: "moderator", email } });
    expect(response.status).toBe(200);
    await expectOneInvitationEmail(email);
  });

  test("a private invitation created with the dashboard's form sends one email through Resend, whose link opens the invitation", async () => {
    const email = uniqueEmail("invitee");
    const response = await admin.action("/dashboard/invites", "createInviteAction", {
      audience: "person",
      role: "moderator",
      email,
      maxUses: "1",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`Invitation sent to ${email}`);
    await expectOneInvitationEmail(email);
  });

  const failures = [
    { label: "a 500", answer: { kind: "error", status: 500 } as const },
    {
      label: "a 422 validation error",
      answer: {
        kind: "error",
        status: 422,
        body: { name: "validation_error", statusCode: 422, message: "The invites@example.com domain is not verified." },
      } as const,
    },
    { label: "a dropped connection", answer: { kind: "drop" } as const },
  ];

  for (const { label, answer } of failures) {
    test(`when Resend answers ${label}, creating through the API answers 502 ERROR_SENDING_THE_INVITATION_EMAIL and leaves no invitation`, async () => {
      fake.answer(answer);
      const email = uniqueEmail("invitee");
      const response = await admin.api("/invite/create", { body: { role: "moderator", email } });
      const text = await response.text();
      expect(response.status, text).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ code: "ERROR_SENDING_THE_INVITATION_EMAIL" });
      expect(text).not.toMatch(/\n\s+at \S|re_test_key|127\.0\.0\.1/);
      expect(fake.requests).toHaveLength(1);
      expect(await pendingFor(email)).toEqual([]);
    });
  }

  test("when Resend never answers, creating gives up after the send timeout with 502 and leaves no invitation", async () => {
    fake.answer({ kind: "hang" });
    const email = uniqueEmail("invitee");
    const started = Date.now();
    const response = await admin.api("/invite/create", { body: { role: "moderator", email } });
    expect(response.status).toBe(502);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await response.json()).toMatchObject({ code: "ERROR_SENDING_THE_INVITATION_EMAIL" });
    expect(await pendingFor(email)).toEqual([]);
  });

  test("when Resend fails, the dashboard's form tells the admin no invitation was created, and none is left", async () => {
    fake.answer({ kind: "error", status: 500 });
    const email = uniqueEmail("invitee");
    const response = await admin.action("/dashboard/invites", "createInviteAction", {
      audience: "person",
      role: "moderator",
      email,
      maxUses: "1",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("could not be sent, so no invitation was created");
    expect(await pendingFor(email)).toEqual([]);
  });

  test("when Resend fails for one address of a bulk invite, that address is reported as not sent and only the others are invited", async () => {
    const good = uniqueEmail("bulk-ok");
    const bad = uniqueEmail("bulk-refused");
    fake.answer({ kind: "error", status: 422, body: { name: "validation_error", statusCode: 422, message: "Invalid `to` field." } }, bad);
    const response = await admin.action("/dashboard/invites", "bulkInviteAction", { role: "moderator", emails: `${bad}\n${good}` });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(fake.requests.map((sent) => sent.body.to)).toEqual([bad, good]);
    expect(text).toContain("1 of 2 addresses invited");
    expect(text).toContain(
      JSON.stringify({
        email: bad,
        ok: false,
        message: "The invitation email could not be sent, so no invitation was created. Try again in a moment.",
      }),
    );
    expect(text).toContain(JSON.stringify({ email: good, ok: true, message: "Sent" }));
    expect(await pendingFor(bad)).toEqual([]);
    expect(await pendingFor(good)).toHaveLength(1);
  });

  test("when Resend fails on a resend, the admin is told the earlier invitation still works, and it does", async () => {
    const email = uniqueEmail("invitee");
    const created = await admin.api("/invite/create", { body: { role: "moderator", email } });
    expect(created.status).toBe(200);
    const { invitation, token } = (await created.json()) as { invitation: { id: string; expiresAt: string }; token: string };

    fake.answer({ kind: "error", status: 500 });
    const api = await admin.api("/invite/resend", { body: { id: invitation.id } });
    expect(api.status).toBe(502);
    expect(await api.json()).toMatchObject({ code: "ERROR_SENDING_THE_INVITATION_EMAIL" });
    const action = await admin.action("/dashboard/invites", "resendInviteAction", { id: invitation.id });
    expect(action.status).toBe(200);
    expect(await action.text()).toContain("The invitation sent before still works");

    // The invitation is as it was: pending, the same expiry, and the token already emailed still opens it.
    const [pending] = await pendingFor(email);
    expect(pending).toMatchObject({ id: invitation.id, expiresAt: invitation.expiresAt });
    const lookUp = await new Client(server.url).api(`/invite/get?token=${encodeURIComponent(token)}`);
    expect(lookUp.status).toBe(200);
    expect(await lookUp.json()).toMatchObject({ invitation: { status: "pending" } });
  });
});
