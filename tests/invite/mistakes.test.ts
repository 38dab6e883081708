import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, uniqueEmail } from "../support/app";
import { createInviteAs, outboxFor, rowsOf, startAppWithAdmin } from "../support/invites";
import { json, signedInUser, type TestUser } from "../support/users";

/** A careless admin's mistakes are refused before any email goes out, and leave nothing behind. */
describe("create refuses pointless and duplicate invitations", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const create = (body: Record<string, unknown>, by: TestUser = admin) => app.request("/invite/create", { body, jar: by.jar });
  const invitationsTo = async (email: string) =>
    rowsOf<{ id: string; status: string }>(await app.db.execute(sql`select id, status from invite where email = ${email.toLowerCase()}`));

  it("refuses an address whose account already holds the role or a higher one (409 ALREADY_HAS_ROLE), and sends nothing", async () => {
    const existingAdmin = await signedInUser(app, { role: "admin" });
    const moderator = await signedInUser(app, { role: "moderator" });
    for (const [email, role] of [
      [existingAdmin.email, "moderator"],
      [existingAdmin.email, "admin"],
      [moderator.email, "moderator"],
      [moderator.email, "user"],
    ] as const) {
      expect(await json(await create({ role, email: email.toUpperCase() })), `${email} as ${role}`).toMatchObject({
        status: 409,
        body: { code: "ALREADY_HAS_ROLE" },
      });
      expect((await outboxFor(email)).emails).toEqual([]);
      expect(await invitationsTo(email)).toEqual([]);
    }
    // A real upgrade still goes out.
    expect((await create({ role: "admin", email: moderator.email })).status).toBe(200);
  });

  it("refuses an invitation to oneself (400 CANNOT_INVITE_YOURSELF)", async () => {
    expect(await json(await create({ role: "admin", email: ` ${admin.email.toUpperCase()} ` }))).toMatchObject({
      status: 400,
      body: { code: "CANNOT_INVITE_YOURSELF" },
    });
    expect(await invitationsTo(admin.email)).toEqual([]);
  });

  it("refuses a second live invitation to one address (409 ALREADY_INVITED): the first one stays the only one", async () => {
    const email = uniqueEmail("twice");
    const first = await createInviteAs(app, admin, { role: "moderator", email });
    const otherAdmin = await signedInUser(app, { role: "admin" });
    expect(await json(await create({ role: "admin", email: email.toUpperCase() }, otherAdmin))).toMatchObject({
      status: 409,
      body: { code: "ALREADY_INVITED" },
    });
    expect(await invitationsTo(email)).toEqual([{ id: first.invitation.id, status: "pending" }]);
    expect((await outboxFor(email)).emails).toHaveLength(1);
  });

  it("lets an address be invited again once its invitation is revoked, expired or used", async () => {
    const revoked = uniqueEmail("revoked");
    const { invitation } = await createInviteAs(app, admin, { role: "moderator", email: revoked });
    expect((await app.request("/invite/cancel", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
    expect((await create({ role: "moderator", email: revoked })).status).toBe(200);

    const expired = uniqueEmail("expired");
    const old = await createInviteAs(app, admin, { role: "moderator", email: expired });
    await app.db.execute(sql`update invite set expires_at = now() - interval '1 minute' where id = ${old.invitation.id}`);
    expect((await create({ role: "moderator", email: expired })).status).toBe(200);

    const invitee = await signedInUser(app);
    const used = await createInviteAs(app, admin, { role: "moderator", email: invitee.email });
    expect((await app.request("/invite/accept", { body: { token: used.token }, jar: invitee.jar })).status).toBe(200);
    expect((await create({ role: "admin", email: invitee.email })).status).toBe(200);
  });

  it("never leaves two live invitations for one address, however many creates race", async () => {
    const email = uniqueEmail("race");
    const answers = await Promise.all(Array.from({ length: 8 }, () => create({ role: "moderator", email }).then(json)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409 && answer.body.code === "ALREADY_INVITED")).toHaveLength(7);
    expect(await invitationsTo(email)).toHaveLength(1);
  });

  it("refuses a private invitation with more than one use: one person uses an invitation once", async () => {
    expect(await json(await create({ role: "moderator", email: uniqueEmail("uses"), maxUses: 5 }))).toMatchObject({ status: 400 });
  });
});
