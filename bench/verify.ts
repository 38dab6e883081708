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
  await sql.query(`delete from invite where ${filter}`);
  return { created, remaining: await count(sql, `select count(*)::int as count from invite`) };
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
  const firstAccepts = await count(sql, `select count(*)::int as count from invite_use where previous_role = 'user' and new_role = 'moderator'`);
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
