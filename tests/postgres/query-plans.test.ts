import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/lib/db";
import { onStatement } from "@/lib/db/statement-log";
import type { TestApp } from "../support/app";
import { createInviteAs, startAppWithAdmin } from "../support/invites";
import { signedInUser, type TestUser } from "../support/users";

type Captured = { statement: string; parameters: readonly unknown[] };

const ROWS = 100_000;

/** The statements a request sent, with their parameters, so their real plans can be asked for. */
async function capture(send: () => Promise<Response>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const stop = onStatement((statement, parameters) => captured.push({ statement, parameters }));
  try {
    const response = await send();
    expect(response.status, await response.clone().text()).toBe(200);
    await response.arrayBuffer();
  } finally {
    stop();
  }
  return captured;
}

async function planOf({ statement, parameters }: Captured): Promise<string> {
  const connection = getConnection();
  if (connection.kind !== "postgres") throw new Error("query plans are checked on PostgreSQL");
  const rows = await connection.client.unsafe(`explain ${statement}`, parameters as never[]);
  return rows.map((row) => String(row["QUERY PLAN"])).join("\n");
}

/** Every statement on the invite table the request sent, with the plan PostgreSQL chose for it. */
async function invitePlans(send: () => Promise<Response>): Promise<{ statement: string; plan: string }[]> {
  const onInvite = (await capture(send)).filter((entry) => /^select .* from "invite"/is.test(entry.statement.trim()));
  expect(onInvite.length).toBeGreaterThan(0);
  return Promise.all(onInvite.map(async (entry) => ({ statement: entry.statement, plan: await planOf(entry) })));
}

describe(`query plans with ${ROWS.toLocaleString("en")} invitations`, () => {
  let app: TestApp;
  let admin: TestUser;
  let creator: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
    creator = await signedInUser(app, { role: "admin" });
    // Ids as the plugin makes them (time first): older than any real invitation, so other files sharing this
    // database still find theirs on a first page. A realistic spread: a quarter each pending, used (no uses left), canceled and rejected; half of them private;
    // all by one creator but a few.
    await app.db.execute(sql`
      insert into invite (id, token_hash, token_type, role, email, created_by_user_id, created_by_name, created_by_email, created_at, expires_at, max_uses, use_count, uses_left, status)
      select '00' || lpad((${ROWS} - g)::text, 8, '0') || 'planplanplanplan', md5('plan' || g), 'token', (array['user','moderator','admin'])[1 + g % 3],
             case when g % 2 = 0 then 'plan' || g || '@example.com' end, ${admin.id}, 'Plan Admin', ${admin.email},
             now() - (g || ' seconds')::interval, now() + interval '7 days', 1,
             case when g % 4 = 1 then 1 else 0 end, case when g % 4 = 1 then 0 else 1 end,
             (array['pending','pending','canceled','rejected'])[1 + g % 4]
      from generate_series(1, ${ROWS}) g`);
    await createInviteAs(app, creator, { role: "moderator" });
    // What autovacuum does on a live database: statistics, and the visibility map that index-only scans need.
    await app.db.execute(sql`vacuum analyze invite`);
  }, 300_000);

  it("finds an invitation by its token hash through the unique index", async () => {
    // By the other admin: the seeded rows fill the first admin's quota (INVITATION_LIMIT) many times over.
    const { token } = await createInviteAs(app, creator, { role: "user" });
    for (const { plan } of await invitePlans(() => app.request(`/invite/get?token=${encodeURIComponent(token)}`))) {
      expect(plan).toMatch(/Index Scan using invite_token_hash_unique/);
    }
  });

  // The page itself (ORDER BY id DESC LIMIT, with its creators and uses joined) is always read off an index. The
  // total that `withTotal` asks for is too, except where a status matches about half the table: there PostgreSQL
  // rightly prefers one sequential pass to count them, which is why the total is opt-in.
  const listings = [
    ["the newest page", "limit=20&withTotal=true", "page and total"],
    ["a deep page", "limit=20&offset=5000&withTotal=true", "page and total"],
    ["pending ones", "status=pending&limit=20&withTotal=true", "page"],
    ["used ones", "status=used&limit=20&withTotal=true", "page"],
    ["one role", "role=moderator&limit=20&withTotal=true", "page and total"],
    ["one address", "email=plan1234%40example.com&withTotal=true", "page and total"],
  ] as const;

  for (const [label, query, indexed] of listings) {
    it(`lists ${label} with the ${indexed} read through an index`, async () => {
      const plans = await invitePlans(() => app.request(`/invite/list?${query}`, { jar: admin.jar }));
      const checked = indexed === "page" ? plans.filter(({ statement }) => !/count\(/i.test(statement)) : plans;
      expect(checked.length).toBe(indexed === "page" ? 1 : 2);
      for (const { statement, plan } of checked) {
        expect(plan, `${statement}\n${plan}`).not.toMatch(/Seq Scan on invite/);
      }
    });
  }

  // q is `email LIKE '%q%'`: with its leading % no B-tree can serve it, only the trigram index (drizzle/0005).
  const searches = [
    ["part of an address", "q=plan12345&withTotal=true"],
    ["part of an address, in capitals, with a status", `q=${encodeURIComponent("PLAN4321@example")}&status=pending&withTotal=true`],
    ["part of an address, with a role", "q=plan9876&role=user&withTotal=true"],
  ] as const;

  for (const [label, query] of searches) {
    it(`searches ${label} through the trigram index, page and total, with no sequential scan`, async () => {
      const plans = await invitePlans(() => app.request(`/invite/list?${query}`, { jar: admin.jar }));
      expect(plans.length).toBe(2);
      for (const { statement, plan } of plans) {
        expect(plan, `${statement}\n${plan}`).toMatch(/invite_email_trgm_idx/);
        expect(plan, `${statement}\n${plan}`).not.toMatch(/Seq Scan on invite/);
      }
    });
  }

  it("lists one creator's invitations (what a non-admin sees) through the creator index", async () => {
    const nonAdmin = await signedInUser(app, { role: "user" });
    for (const { statement, plan } of await invitePlans(() => app.request("/invite/list?limit=20", { jar: nonAdmin.jar }))) {
      expect(plan, `${statement}\n${plan}`).not.toMatch(/Seq Scan on invite/);
    }
  });
});
