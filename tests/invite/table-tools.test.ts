// The invitations table's admin tools, through their server actions: bulk revoke and resend, and the Undo of a revoke.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TestApp } from "../support/app";
import { uniqueEmail } from "../support/app";
import { createInviteAs, rowsOf, startAppWithAdmin } from "../support/invites";
import { signedInUser, type TestUser } from "../support/users";

// The actions read the request's cookies through next/headers, and refresh the page through next/cache: here the
// request is the signed-in person's of the moment, and nothing is cached.
let asWho: TestUser | null = null;
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ origin: "http://localhost:3000", ...(asWho ? { cookie: asWho.jar.header() } : {}) }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { bulkManageInvitesAction, cancelInviteAction, restoreInvitesAction } = await import("@/lib/actions/manage-invites");
const { idleState } = await import("@/lib/actions/form-state");

/** A form as the browser sends it: `ids` once per ticked box. */
function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
}

describe("the invitations table's bulk actions and Undo", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const invite = (body: Record<string, unknown>) => createInviteAs(app, admin, body);
  const as = (user: TestUser | null) => {
    asWho = user;
  };
  async function statusOf(id: string) {
    return rowsOf<{ status: string }>(await app.db.execute(sql`select status from invite where id = ${id}`))[0]?.status;
  }
  async function eventTypes(id: string) {
    const rows = rowsOf<{ type: string }>(await app.db.execute(sql`select type from invite_event where invite_id = ${id} order by id`));
    return rows.map((row) => row.type);
  }

  it("revokes the ticked invitations, says how many of how many and why the rest were not, and offers Undo for those it revoked", async () => {
    as(admin);
    const first = await invite({ role: "moderator", email: uniqueEmail("bulk-a") });
    const second = await invite({ role: "user" });
    const used = await invite({ role: "user" });
    const revoked = await invite({ role: "user" });
    const accepter = await signedInUser(app);
    expect((await app.request("/invite/accept", { body: { token: used.token }, jar: accepter.jar })).status).toBe(200);
    expect((await app.request("/invite/cancel", { body: { id: revoked.invitation.id }, jar: admin.jar })).status).toBe(200);

    const ids = [first, second, used, revoked].map((created) => created.invitation.id);
    const answer = await bulkManageInvitesAction(idleState, form({ intent: "revoke", ids }));
    expect(answer).toMatchObject({
      status: "success",
      message: "Revoked 2 of 4: 1 was already used; 1 was already revoked or declined.",
      restorable: [first.invitation.id, second.invitation.id],
    });
    expect(await statusOf(first.invitation.id)).toBe("canceled");
    expect(await statusOf(second.invitation.id)).toBe("canceled");

    // Undo: both come back, their links work again, and the log keeps the revoke.
    const undone = await restoreInvitesAction(idleState, form({ ids: answer.restorable ?? [] }));
    expect(undone).toMatchObject({ status: "success", message: "Restored 2 invitations. Their links work again." });
    expect(await statusOf(first.invitation.id)).toBe("pending");
    expect(await eventTypes(second.invitation.id)).toEqual(["created", "canceled", "restored"]);
    const invitee = await signedInUser(app);
    expect((await app.request("/invite/accept", { body: { token: second.token }, jar: invitee.jar })).status).toBe(200);
  });

  it("'Select all on this page' acts on the page's ids, whatever is ticked", async () => {
    as(admin);
    const page = await Promise.all([invite({ role: "user" }), invite({ role: "user" })]);
    const pageIds = page.map((created) => created.invitation.id);
    const answer = await bulkManageInvitesAction(idleState, form({ intent: "revoke", all: "page", pageIds }));
    expect(answer).toMatchObject({ status: "success", message: "Revoked 2 invitations." });
    for (const id of pageIds) expect(await statusOf(id)).toBe("canceled");
  });

  it("resends the private ones and says which were skipped: a shareable link is sent to nobody", async () => {
    as(admin);
    const privateOne = await invite({ role: "user", email: uniqueEmail("bulk-resend") });
    const shareable = await invite({ role: "user" });
    const answer = await bulkManageInvitesAction(
      idleState,
      form({ intent: "resend", ids: [privateOne.invitation.id, shareable.invitation.id] }),
    );
    expect(answer).toMatchObject({
      status: "success",
      message: "Resent 1 of 2: 1 was skipped: it is a shareable link or code, sent to nobody.",
    });
    expect(answer).not.toHaveProperty("restorable");
    expect(await eventTypes(privateOne.invitation.id)).toContain("resent");
    expect(await eventTypes(shareable.invitation.id)).not.toContain("resent");
  });

  it("refuses nothing ticked, more than a page of ids, and an unknown intent, in words; nothing changes", async () => {
    as(admin);
    const created = await invite({ role: "user" });
    expect(await bulkManageInvitesAction(idleState, form({ intent: "revoke" }))).toEqual({
      status: "error",
      message: "Select at least one invitation first.",
    });
    const eleven = Array.from({ length: 11 }, (_, at) => `${created.invitation.id}-${at}`);
    expect(await bulkManageInvitesAction(idleState, form({ intent: "revoke", ids: eleven }))).toEqual({
      status: "error",
      message: "At most 10 invitations at a time.",
    });
    expect(await bulkManageInvitesAction(idleState, form({ intent: "delete", ids: [created.invitation.id] }))).toMatchObject({
      status: "error",
    });
    expect(await restoreInvitesAction(idleState, form({}))).toMatchObject({ status: "error" });
    expect(await statusOf(created.invitation.id)).toBe("pending");
  });

  it("checks the session and the permission inside the action: signed out, or without the right to invite, nothing is revoked", async () => {
    const created = await invite({ role: "user" });
    as(null);
    expect(await bulkManageInvitesAction(idleState, form({ intent: "revoke", ids: [created.invitation.id] }))).toEqual({
      status: "error",
      message: "Your session has ended. Sign in again.",
    });
    as(await signedInUser(app));
    expect(await bulkManageInvitesAction(idleState, form({ intent: "revoke", ids: [created.invitation.id] }))).toMatchObject({
      status: "error",
    });
    expect(await statusOf(created.invitation.id)).toBe("pending");
  });

  it("an id that is no invitation (a stale page, a crafted form) is reported among the others, not a failure of the whole", async () => {
    as(admin);
    const created = await invite({ role: "user" });
    expect(
      await bulkManageInvitesAction(idleState, form({ intent: "revoke", ids: [created.invitation.id, "no-such-invitation"] })),
    ).toEqual({
      status: "success",
      message: "Revoked 1 of 2: 1 was not found.",
      restorable: [created.invitation.id],
    });
  });

  it("the row's revoke offers Undo too; an Undo after the window says it is too late, and the revoke stands", async () => {
    as(admin);
    const created = await invite({ role: "user" });
    const revoked = await cancelInviteAction(idleState, form({ id: created.invitation.id }));
    expect(revoked).toEqual({ status: "success", message: "Invitation revoked.", restorable: [created.invitation.id] });
    expect(await restoreInvitesAction(idleState, form({ ids: [created.invitation.id] }))).toEqual({
      status: "success",
      message: "Invitation restored: its link works again.",
    });

    await cancelInviteAction(idleState, form({ id: created.invitation.id }));
    await app.db.execute(
      sql`update invite_event set at = now() - interval '3 minutes' where invite_id = ${created.invitation.id} and type = 'canceled'`,
    );
    expect(await restoreInvitesAction(idleState, form({ ids: [created.invitation.id] }))).toEqual({
      status: "error",
      message: "It is too late to undo this revoke. Send a new invitation instead.",
    });
    expect(await statusOf(created.invitation.id)).toBe("canceled");
  });
});
