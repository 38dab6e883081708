// The data the scenarios run on: users and invites over HTTP, and the bulk rows (100,000 invites, the organizations) with SQL.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { SqlClient } from "./database";
import { callApi, mapParallel, signIn, signUp, type SignedIn } from "./http";
import { ORG_TABLES_SQL } from "./org-schema";
import { BENCH_ADMIN } from "./servers";

export const USER_COUNT = 120;
export const BENCH_USER_PASSWORD = "bench-user-password";
export const ROWS_IN_TABLE = 100_000;
/** The organization plugin refuses a 101st pending invitation per organization by default: stay under it. */
export const INVITES_PER_MEMBER_ORGANIZATION = 90;
/** The organization list is read at the same page size as the invite list (?limit=20). */
export const LISTED_INVITATIONS = 20;

/**
 * Well above any write rate this benchmark has measured on 2 cores. Each
 * accept needs a (user, invitation) pair nobody used yet; past this rate the
 * pairs would run out, repeat, and show as non-2xx rather than go unnoticed.
 */
const WRITE_RATE_CEILING = 1_500;

export type SeedPlan = { acceptInvites: number; acceptOrganizations: number; inviteMemberOrganizations: number };

/**
 * How many invitations the write scenarios can spend: the app's accept runs
 * on `appAcceptRuns` servers (the app, the benchmark server, and on
 * PostgreSQL the two instances), the organization ones on one.
 */
export function planFor(secondsPerScenario: number, appAcceptRuns: number): SeedPlan {
  const writes = WRITE_RATE_CEILING * secondsPerScenario;
  return {
    acceptInvites: Math.ceil((appAcceptRuns * writes) / USER_COUNT),
    acceptOrganizations: Math.ceil(writes / USER_COUNT),
    inviteMemberOrganizations: Math.ceil(writes / INVITES_PER_MEMBER_ORGANIZATION),
  };
}

export type HttpFixture = { admin: SignedIn; users: SignedIn[]; acceptTokens: string[] };

export type OrganizationFixture = {
  /** One pending invitation per user, in the order of `users`. */
  getInvitationIds: string[];
  listOrganizationId: string;
  /** [organization][user]: one pending invitation per user in each organization. */
  acceptInvitationIds: string[][];
  inviteMemberOrganizationIds: string[];
};

export type Fixture = HttpFixture & { organizations: OrganizationFixture };

const createdInvite = z.object({ token: z.string() });

/** Through the app itself, on the running server: accounts are real sign-ups, invites real creations. */
export async function seedOverHttp(baseUrl: string, plan: SeedPlan): Promise<HttpFixture> {
  const admin = await signIn(baseUrl, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const users = await mapParallel(
    Array.from({ length: USER_COUNT }, (_, i) => i),
    4,
    (i) => signUp(baseUrl, `bench-user-${i}@bench.example`, BENCH_USER_PASSWORD, `Bench User ${i}`),
  );
  // One use per user, so that every user can accept each once and the checks can tell a use spent twice;
  // moderator, so that the first accept changes the role.
  const acceptTokens = await mapParallel(Array.from({ length: plan.acceptInvites }), 4, async () => {
    const { data } = await callApi(baseUrl, "/invite/create", createdInvite, {
      body: { role: "moderator", maxUses: USER_COUNT },
      cookie: admin.cookie,
    });
    return data.token;
  });
  return { admin, users, acceptTokens };
}

const DAY = 24 * 60 * 60 * 1000;

function randomId(): string {
  return randomBytes(16).toString("hex");
}

async function insertRows(sql: SqlClient, table: string, columns: Record<string, string>, rows: Record<string, unknown>[]) {
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(", ");
  for (let start = 0; start < rows.length; start += 5_000) {
    // One JSON parameter per batch: both drivers send it the same way, whatever the row count.
    await sql.query(
      `insert into "${table}" (${names.map((name) => `"${name}"`).join(", ")})
       select ${names.join(", ")} from jsonb_to_recordset($1::jsonb) as x(${definition})`,
      [JSON.stringify(rows.slice(start, start + 5_000))],
    );
  }
}

/**
 * Fills the invite table to ROWS_IN_TABLE with rows like a busy app's: mostly
 * emailed, some links and codes, some canceled, declined or expired, over
 * the last month, all created by the admin. They are newer than the invites
 * the accept scenario spends, so a listed page shows none of those uses.
 */
async function fillInvites(sql: SqlClient, adminId: string): Promise<number> {
  // The plugin is published as ESM only, and tsx runs bench/ as CommonJS (the app's package.json has no "type"):
  // require() cannot load it on Node 20, import() can.
  const { timeOrderedId, generateLinkToken, hashToken } = await import("@invite-kit/better-auth");
  const [existing] = await sql.query<{ count: number }>(`select count(*)::int as count from invite`);
  const missing = ROWS_IN_TABLE - (existing?.count ?? 0);
  // Each invitation keeps a snapshot of its creator, as the plugin writes it.
  const [creator] = await sql.query<{ name: string; email: string }>(`select name, email from "user" where id = '${adminId}'`);
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < missing; i++) {
    const createdAt = now - i * 25_000;
    const kind = i % 10;
    const email = kind < 6 ? `fill-${i}@bench.example` : null;
    const status = i % 20 === 0 ? "canceled" : i % 20 === 1 ? "rejected" : "pending";
    rows.push({
      id: timeOrderedId(createdAt),
      token_hash: await hashToken(generateLinkToken()),
      token_type: kind === 9 ? "code" : "token",
      role: ["user", "user", "user", "moderator", "admin"][i % 5],
      email,
      created_by_user_id: adminId,
      created_by_name: creator?.name,
      created_by_email: creator?.email,
      // A live private invitation holds its address (one live invitation per address).
      active_email: email && status === "pending" && i % 7 !== 0 ? email : null,
      created_at: new Date(createdAt).toISOString(),
      // Some in the past: expired invitations that were never used.
      expires_at: new Date(createdAt + (i % 7 === 0 ? DAY : 30 * DAY)).toISOString(),
      max_uses: email ? 1 : [1, 5, null][i % 3],
      uses_left: email ? 1 : [1, 5, null][i % 3],
      status,
      new_account: email !== null,
    });
  }
  await insertRows(
    sql,
    "invite",
    {
      id: "text",
      token_hash: "text",
      token_type: "text",
      role: "text",
      email: "text",
      created_by_user_id: "text",
      created_by_name: "text",
      created_by_email: "text",
      active_email: "text",
      created_at: "timestamptz",
      expires_at: "timestamptz",
      max_uses: "int",
      uses_left: "int",
      status: "text",
      new_account: "boolean",
    },
    rows,
  );
  return missing;
}

type OrganizationRows = {
  organizations: Record<string, unknown>[];
  members: Record<string, unknown>[];
  invitations: Record<string, unknown>[];
};

/** The organization plugin's tables and data, owned by the admin, with as many invitations in total as the invite table has rows. */
async function seedOrganizations(sql: SqlClient, fixture: HttpFixture, plan: SeedPlan): Promise<OrganizationFixture> {
  await sql.exec(ORG_TABLES_SQL);
  const rows: OrganizationRows = { organizations: [], members: [], invitations: [] };
  const now = Date.now();
  const newOrganization = (label: string) => {
    const id = randomId();
    rows.organizations.push({ id, name: `Bench ${label}`, slug: `bench-${label}`, created_at: new Date(now).toISOString() });
    rows.members.push({
      id: randomId(),
      organization_id: id,
      user_id: fixture.admin.id,
      role: "owner",
      created_at: new Date(now).toISOString(),
    });
    return id;
  };
  const invite = (organizationId: string, email: string, status = "pending", expiresAt = now + 7 * DAY) => {
    const id = randomId();
    rows.invitations.push({
      id,
      organization_id: organizationId,
      email,
      role: "member",
      status,
      expires_at: new Date(expiresAt).toISOString(),
      created_at: new Date(now).toISOString(),
      inviter_id: fixture.admin.id,
    });
    return id;
  };

  const getOrganization = newOrganization("get");
  const getInvitationIds = fixture.users.map((user) => invite(getOrganization, user.email));
  const listOrganizationId = newOrganization("list");
  for (let i = 0; i < LISTED_INVITATIONS; i++) invite(listOrganizationId, `listed-${i}@bench.example`);
  const acceptInvitationIds = Array.from({ length: plan.acceptOrganizations }, (_, k) => {
    const organizationId = newOrganization(`accept-${k}`);
    return fixture.users.map((user) => invite(organizationId, user.email));
  });
  const inviteMemberOrganizationIds = Array.from({ length: plan.inviteMemberOrganizations }, (_, k) => newOrganization(`invite-${k}`));
  // Other organizations' invitations, so both plugins read from tables of the same size.
  const fillers = Array.from({ length: 1_000 }, (_, k) => newOrganization(`filler-${k}`));
  for (let i = 0; rows.invitations.length < ROWS_IN_TABLE; i++) {
    const status = i % 20 === 0 ? "canceled" : i % 20 === 1 ? "rejected" : "pending";
    invite(fillers[i % fillers.length]!, `fill-${i}@bench.example`, status, now - i * 25_000 + (i % 7 === 0 ? DAY : 30 * DAY));
  }

  const timestamp = "timestamptz";
  await insertRows(sql, "organization", { id: "text", name: "text", slug: "text", created_at: timestamp }, rows.organizations);
  await insertRows(
    sql,
    "member",
    { id: "text", organization_id: "text", user_id: "text", role: "text", created_at: timestamp },
    rows.members,
  );
  await insertRows(
    sql,
    "invitation",
    {
      id: "text",
      organization_id: "text",
      email: "text",
      role: "text",
      status: "text",
      expires_at: timestamp,
      created_at: timestamp,
      inviter_id: "text",
    },
    rows.invitations,
  );
  return { getInvitationIds, listOrganizationId, acceptInvitationIds, inviteMemberOrganizationIds };
}

/** The bulk rows, written straight to the database while no server has it open; then both tables are analyzed as a live database would be. */
export async function seedWithSql(sql: SqlClient, fixture: HttpFixture, plan: SeedPlan): Promise<Fixture> {
  await fillInvites(sql, fixture.admin.id);
  const organizations = await seedOrganizations(sql, fixture, plan);
  await sql.exec("analyze");
  return { ...fixture, organizations };
}
