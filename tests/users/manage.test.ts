// The Users page's actions (lib/actions/users.ts), called as the page's forms call them: a FormData, with the admin's
// session in the request's cookies. Each is on record in user_event, and refused to whoever may not do it.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { idleState } from "@/lib/actions/form-state";
import { signedOutMessage } from "@/lib/actions/form-action";
import { messageForCode } from "@/lib/errors/messages";
import { type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";
import { json, roleOf, signedInUser, type TestUser } from "../support/users";

// The request an action runs in: its cookies are those of whoever `as()` last named.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { banUserAction, changeUserRoleAction, removeUserAction, unbanUserAction } = await import("@/lib/actions/users");
const { changeUserRole } = await import("@/lib/users/manage");

/** What the database said when it refused a statement (drizzle wraps it, with the query, as the cause). */
async function databaseRefusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  }
  throw new Error("the statement was not refused");
}

type EventRow = {
  kind: string;
  subject_user_id: string;
  subject_email: string;
  subject_name: string;
  actor_user_id: string;
  actor_email: string;
  actor_name: string;
  from_role: string | null;
  to_role: string | null;
  ban_reason: string | null;
};

describe("the Users page's actions", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  function as(user: TestUser | null) {
    request.headers = new Headers({ origin: app.origin, ...(user ? { cookie: user.jar.header() } : {}) });
  }
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };
  const eventsOf = async (userId: string) =>
    rowsOf<EventRow>(await app.db.execute(sql`select * from user_event where subject_user_id = ${userId} order by id`));
  const bannedOf = async (userId: string) =>
    rowsOf<{ banned: boolean | null; ban_reason: string | null }>(
      await app.db.execute(sql`select banned, ban_reason from "user" where id = ${userId}`),
    )[0];
  const sessionOf = async (user: TestUser) => (await json(await app.request("/get-session", { jar: user.jar }))).body;
  const signIn = (user: TestUser) => app.request("/sign-in/email", { body: { email: user.email, password: user.password } });

  describe("change a role", () => {
    it("lowers a moderator to user at once, and records who did it, from what to what", async () => {
      const moderator = await signedInUser(app, { role: "moderator", name: "Mona Moderator" });
      as(admin);
      const answer = await changeUserRoleAction(idleState, form({ userId: moderator.id, role: "user" }));
      expect(answer).toEqual({ status: "success", message: "Mona Moderator is now a User." });
      expect(await roleOf(app, moderator.id)).toBe("user");
      expect(await eventsOf(moderator.id)).toEqual([
        expect.objectContaining({
          kind: "role-changed",
          subject_email: moderator.email,
          subject_name: "Mona Moderator",
          actor_user_id: admin.id,
          actor_email: admin.email,
          actor_name: "Test admin",
          from_role: "moderator",
          to_role: "user",
        }),
      ]);
    });

    it("refuses a change up, which goes through an invitation: the role stays and nothing is recorded", async () => {
      const someone = await signedInUser(app, { role: "user" });
      as(admin);
      for (const role of ["moderator", "admin"]) {
        const answer = await changeUserRoleAction(idleState, form({ userId: someone.id, role }));
        expect(answer).toMatchObject({ status: "error", message: messageForCode("ROLE_CHANGE_NEEDS_INVITATION") });
      }
      expect(await roleOf(app, someone.id)).toBe("user");
      expect(await eventsOf(someone.id)).toEqual([]);
    });

    it("says so when they already have the role", async () => {
      const someone = await signedInUser(app, { role: "moderator" });
      as(admin);
      const answer = await changeUserRoleAction(idleState, form({ userId: someone.id, role: "moderator" }));
      expect(answer).toMatchObject({ status: "error", message: messageForCode("ROLE_UNCHANGED") });
      expect(await eventsOf(someone.id)).toEqual([]);
    });

    it("refuses a role the app does not have, field by field", async () => {
      const someone = await signedInUser(app, { role: "moderator" });
      as(admin);
      const answer = await changeUserRoleAction(idleState, form({ userId: someone.id, role: "owner" }));
      expect(answer).toMatchObject({ status: "error", fieldErrors: { role: ["Choose one of the roles."] } });
      expect(await roleOf(app, someone.id)).toBe("moderator");
    });
  });

  describe("ban and unban", () => {
    it("bans with a reason: their sessions end, signing in is refused, and the ban is on record with its reason", async () => {
      const someone = await signedInUser(app, { name: "Bea Banned" });
      expect(await sessionOf(someone)).toMatchObject({ user: { id: someone.id } });
      as(admin);
      const answer = await banUserAction(idleState, form({ userId: someone.id, reason: "  Posted spam  " }));
      expect(answer).toMatchObject({ status: "success", message: expect.stringContaining("Bea Banned is banned") });
      expect(await bannedOf(someone.id)).toEqual({ banned: true, ban_reason: "Posted spam" });
      expect(await sessionOf(someone)).toBeNull();
      expect(await json(await signIn(someone))).toMatchObject({ status: 403, body: { code: "BANNED_USER" } });
      expect(await eventsOf(someone.id)).toEqual([
        expect.objectContaining({ kind: "banned", actor_user_id: admin.id, ban_reason: "Posted spam", from_role: "user" }),
      ]);

      const again = await banUserAction(idleState, form({ userId: someone.id }));
      expect(again).toMatchObject({ status: "error", message: messageForCode("USER_ALREADY_BANNED") });

      const unbanned = await unbanUserAction(idleState, form({ userId: someone.id }));
      expect(unbanned).toEqual({ status: "success", message: "Bea Banned is unbanned and can sign in again." });
      expect(await bannedOf(someone.id)).toEqual({ banned: false, ban_reason: null });
      expect((await signIn(someone)).status).toBe(200);
      expect((await eventsOf(someone.id)).map((event) => event.kind)).toEqual(["banned", "unbanned"]);

      const notBanned = await unbanUserAction(idleState, form({ userId: someone.id }));
      expect(notBanned).toMatchObject({ status: "error", message: messageForCode("USER_NOT_BANNED") });
      expect(await eventsOf(someone.id)).toHaveLength(2);
    });

    it("bans without a reason, and refuses a reason over 200 characters or on two lines", async () => {
      const someone = await signedInUser(app);
      as(admin);
      for (const reason of ["x".repeat(201), "one\ntwo"]) {
        const answer = await banUserAction(idleState, form({ userId: someone.id, reason }));
        expect(answer).toMatchObject({ status: "error", fieldErrors: { reason: [expect.any(String)] } });
      }
      expect((await bannedOf(someone.id))?.banned).toBe(false);
      expect(await banUserAction(idleState, form({ userId: someone.id, reason: "" }))).toMatchObject({ status: "success" });
      expect(await eventsOf(someone.id)).toEqual([expect.objectContaining({ kind: "banned" })]);
    });
  });

  describe("remove", () => {
    it("deletes the account; its invitation audit and its events stay, with who they were", async () => {
      const email = uniqueEmail("removed");
      const { token } = await createInviteAs(app, admin, { role: "moderator", email });
      const someone = await signedInUser(app, { email, name: "Rita Removed" });
      expect((await app.request("/invite/accept", { body: { token }, jar: someone.jar })).status).toBe(200);
      as(admin);
      expect(await changeUserRoleAction(idleState, form({ userId: someone.id, role: "user" }))).toMatchObject({ status: "success" });

      const answer = await removeUserAction(idleState, form({ userId: someone.id }));
      expect(answer).toEqual({
        status: "success",
        message: `Rita Removed's account (${email}) is removed. What they did stays on record.`,
      });
      const context = await app.auth.$context;
      expect(await context.internalAdapter.findUserById(someone.id)).toBeNull();
      expect(await sessionOf(someone)).toBeNull();
      const uses = rowsOf<{ used_by_email: string }>(
        await app.db.execute(sql`select used_by_email from invite_use where used_by_user_id = ${someone.id}`),
      );
      expect(uses).toEqual([{ used_by_email: email }]);
      expect(await eventsOf(someone.id)).toEqual([
        expect.objectContaining({ kind: "role-changed", subject_email: email, subject_name: "Rita Removed" }),
        expect.objectContaining({ kind: "removed", subject_email: email, subject_name: "Rita Removed", from_role: "user" }),
      ]);

      const twice = await removeUserAction(idleState, form({ userId: someone.id }));
      expect(twice).toMatchObject({ status: "error", message: messageForCode("USER_NOT_FOUND") });
    });
  });

  describe("refusals", () => {
    it("refuses a moderator and a user every action: nothing changes and nothing is recorded", async () => {
      const subject = await signedInUser(app, { role: "moderator" });
      for (const role of ["user", "moderator"] as const) {
        as(await signedInUser(app, { role }));
        const refused = { status: "error", message: messageForCode("INSUFFICIENT_PERMISSIONS") };
        expect(await changeUserRoleAction(idleState, form({ userId: subject.id, role: "user" }))).toEqual(refused);
        expect(await banUserAction(idleState, form({ userId: subject.id, reason: "no" }))).toEqual(refused);
        expect(await unbanUserAction(idleState, form({ userId: subject.id }))).toEqual(refused);
        expect(await removeUserAction(idleState, form({ userId: subject.id }))).toEqual(refused);
      }
      expect(await roleOf(app, subject.id)).toBe("moderator");
      expect((await bannedOf(subject.id))?.banned).toBe(false);
      expect(await eventsOf(subject.id)).toEqual([]);
    });

    it("Better Auth refuses a moderator too, should the lib be called without the action's check", async () => {
      const subject = await signedInUser(app, { role: "moderator" });
      const moderator = await signedInUser(app, { role: "moderator" });
      const headers = new Headers({ cookie: moderator.jar.header() });
      const actor = { id: moderator.id, email: moderator.email, name: "Test moderator" };
      await expect(changeUserRole({ userId: subject.id, role: "user" }, { actor, headers })).rejects.toMatchObject({
        statusCode: 403,
        body: { code: "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE" },
      });
      expect(await roleOf(app, subject.id)).toBe("moderator");
      expect(await eventsOf(subject.id)).toEqual([]);
    });

    it("refuses an admin acting on their own account, in a sentence", async () => {
      as(admin);
      const self = { status: "error", message: messageForCode("CANNOT_MANAGE_YOURSELF") };
      expect(await changeUserRoleAction(idleState, form({ userId: admin.id, role: "user" }))).toMatchObject(self);
      expect(await banUserAction(idleState, form({ userId: admin.id }))).toMatchObject(self);
      expect(await unbanUserAction(idleState, form({ userId: admin.id }))).toMatchObject(self);
      expect(await removeUserAction(idleState, form({ userId: admin.id }))).toMatchObject(self);
      expect(await roleOf(app, admin.id)).toBe("admin");
      expect(await eventsOf(admin.id)).toEqual([]);
    });

    it("asks a signed-out visitor to sign in, and says an unknown id is no account", async () => {
      as(null);
      expect(await removeUserAction(idleState, form({ userId: admin.id }))).toEqual({ status: "error", message: signedOutMessage });
      as(admin);
      expect(await removeUserAction(idleState, form({ userId: "no-such-user" }))).toMatchObject({
        status: "error",
        message: messageForCode("USER_NOT_FOUND"),
      });
      expect(await removeUserAction(idleState, form({}))).toEqual({ status: "error", message: messageForCode("USER_NOT_FOUND") });
    });
  });

  describe("the user_event table", () => {
    it("refuses UPDATE, DELETE and TRUNCATE: the log only grows", async () => {
      const someone = await signedInUser(app);
      as(admin);
      await banUserAction(idleState, form({ userId: someone.id, reason: "kept" }));
      const attempts = [
        sql`update user_event set ban_reason = 'rewritten' where subject_user_id = ${someone.id}`,
        sql`delete from user_event where subject_user_id = ${someone.id}`,
        sql`truncate user_event`,
      ];
      for (const attempt of attempts)
        expect(await databaseRefusal(app.db.execute(attempt))).toMatch(/append-only: (UPDATE|DELETE|TRUNCATE) is refused/);
      expect(await eventsOf(someone.id)).toEqual([expect.objectContaining({ kind: "banned", ban_reason: "kept" })]);
    });

    it("refuses a kind the app does not write", async () => {
      const insert = app.db
        .execute(sql`insert into user_event (id, kind, subject_user_id, subject_email, subject_name, actor_user_id, actor_email, actor_name)
          values ('x', 'promoted', 'a', 'a@example.com', 'A', 'b', 'b@example.com', 'B')`);
      expect(await databaseRefusal(insert)).toMatch(/user_event_kind_check/);
    });
  });
});
