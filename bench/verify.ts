// After the load: does the database hold what the 2xx answers claim? A benchmark of refusals would flatter anyone.
import type { SqlClient } from "./database";
import { USER_COUNT } from "./seed";

export type Check = { what: string; counted: number; inDatabase: number; ok: boolean; note: string };

/** What autocannon saw of one scenario across its runs (warm-ups and repeats included). */
export type Tally = { ok: number; runs: number };

export type WriteTallies = { inviteAccepts: Tally; orgAccepts: Tally; orgInvites: Tally };

async function count(sql: SqlClient, query: string): Promise<number> {
  const [row] = await sql.query<{ count: number }>(query);
  return row?.count ?? 0;
}

/**
 * autocannon stops with a request in flight on each connection, which the
 * server still completes unseen: the database may hold up to that many more
 * rows per run than the 2xx counted, never fewer.
 */
export function writeCheck(what: string, tally: Tally, inDatabase: number, connections: number): Check {
  const unseen = inDatabase - tally.ok;
  const allowance = tally.runs * connections;
  return {
    what,
    counted: tally.ok,
    inDatabase,
    ok: unseen >= 0 && unseen <= allowance,
    note: unseen === 0 ? "equal" : `${unseen} done while autocannon was stopping (at most ${allowance} can be)`,
  };
}

/** Invites the create scenario made since `since`: counted, then removed so the next server lists exactly as many rows. */
export async function removeCreatedInvites(sql: SqlClient, since: Date): Promise<{ created: number; remaining: number }> {
  const filter = `role = 'user' and email is null and max_uses = 1 and created_at >= '${since.toISOString()}'`;
  const created = await count(sql, `select count(*)::int as count from invite where ${filter}`);
  // Their "created" events first: invite_event keeps an invitation from being deleted under its history (ON DELETE RESTRICT).
  await sql.query(`delete from invite_event where invite_id in (select id from invite where ${filter})`);
  await sql.query(`delete from invite where ${filter}`);
  return { created, remaining: await count(sql, `select count(*)::int as count from invite`) };
}

/**
 * No use spent twice and none lost: every invite's use count equals its
 * audit rows, never exceeds its limit, and agrees with the uses left that
 * guard the claim. Whichever server or instance answered the accepts.
 */
export async function verifyUseCounts(sql: SqlClient): Promise<Check> {
  const [row] = await sql.query<{ invites: number; spent: number; rows: number; wrong: number }>(
    `select count(*)::int as invites, coalesce(sum(use_count), 0)::int as spent,
            (select count(*)::int from invite_use) as rows,
            count(*) filter (where use_count <> coalesce(uses.rows, 0)
                                or (max_uses is not null and (use_count > max_uses or uses_left <> max_uses - use_count)))::int as wrong
       from invite
       left join (select invite_id, count(*)::int as rows from invite_use group by invite_id) as uses on uses.invite_id = invite.id`,
  );
  const wrong = row?.wrong ?? 0;
  return {
    what: "no use spent twice or lost: each invite's use count = its audit rows ≤ max uses, uses left = max uses − use count",
    counted: row?.spent ?? 0,
    inDatabase: row?.rows ?? 0,
    ok: wrong === 0 && row?.spent === row?.rows,
    note:
      wrong === 0 ? `use counts summed against invite_use rows; all ${row?.invites ?? 0} invites agree` : `**${wrong} invites disagree**`,
  };
}

/** Audit rows of accepts in a time window: what one run of the accept scenario wrote. */
export async function acceptsBetween(sql: SqlClient, from: Date, to: Date): Promise<number> {
  return count(
    sql,
    `select count(*)::int as count from invite_use where used_at >= '${from.toISOString()}' and used_at < '${to.toISOString()}'`,
  );
}

export async function verifyWrites(sql: SqlClient, tallies: WriteTallies, connections: number): Promise<Check[]> {
  const checks = [
    writeCheck(
      "invite accepts: invite_use rows",
      tallies.inviteAccepts,
      await count(sql, `select count(*)::int as count from invite_use`),
      connections,
    ),
    writeCheck(
      "organization accepts: invitations accepted",
      tallies.orgAccepts,
      await count(sql, `select count(*)::int as count from invitation where status = 'accepted'`),
      connections,
    ),
    writeCheck(
      "organization accepts: member rows",
      tallies.orgAccepts,
      await count(sql, `select count(*)::int as count from member where role = 'member'`),
      connections,
    ),
    writeCheck(
      "organization invite-member: invitations created",
      tallies.orgInvites,
      await count(sql, `select count(*)::int as count from invitation where email like 'invitee-%'`),
      connections,
    ),
  ];
  // The role really changes: each user's first accept takes them from user to moderator.
  const promoted = await count(sql, `select count(*)::int as count from "user" where role = 'moderator'`);
  const firstAccepts = await count(
    sql,
    `select count(*)::int as count from invite_use where previous_role = 'user' and new_role = 'moderator'`,
  );
  checks.push(await verifyUseCounts(sql));
  const expected = Math.min(USER_COUNT, tallies.inviteAccepts.ok);
  checks.push({
    what: "users promoted user → moderator by their first accept",
    counted: expected,
    inDatabase: promoted,
    ok: promoted === firstAccepts && promoted >= expected,
    note: `${firstAccepts} invite_use rows record user → moderator`,
  });
  return checks;
}
