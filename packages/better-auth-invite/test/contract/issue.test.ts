// auth.api.issueInvite: an invitation made by server code itself, the way a deployment's first admin is made.
import { beforeAll, expect, it } from "vitest";
import { CookieJar } from "../support/http";
import { type Instance, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";
import { SERVER_ISSUER_ID } from "../../src/index";

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  beforeAll(async () => {
    app = await startInstance(database());
  });

  it("makes a private admin invitation with no user behind it; the invitee signs up through its link and is admin", async () => {
    const email = uniqueEmail("first-admin");
    const issued = await app.auth.api.issueInvite({ body: { email, role: "admin", issuerName: "Setup script" } });
    expect(issued.invitation).toMatchObject({
      email,
      role: "admin",
      maxUses: 1,
      createdByUserId: SERVER_ISSUER_ID,
      createdByName: "Setup script",
    });
    expect(app.outbox.at(-1)).toMatchObject({ email, role: "admin", url: issued.url, newAccount: true, inviter: { name: "Setup script" } });

    const jar = new CookieJar();
    await app.openLink(issued.url, jar);
    const signedUp = await app.call("/sign-up/email", { body: { name: "First Admin", email, password: "first-admin-password" }, jar });
    expect(signedUp).toMatchObject({ status: 200, body: { user: { emailVerified: true }, invite: { accepted: true, role: "admin" } } });
    const user = await app.findUserByEmail(email);
    expect(user?.role).toBe("admin");
    expect(await app.usesOf(issued.invitation.id)).toMatchObject([{ usedByUserId: user?.id, newRole: "admin" }]);
    expect((await app.eventsOf(issued.invitation.id)).map((event) => [event.type, event.actorUserId]).sort()).toEqual([
      ["accepted", user?.id],
      ["created", SERVER_ISSUER_ID],
      ["emailed", SERVER_ISSUER_ID],
      // The invitee followed the emailed link: the system notes it, with no actor.
      ["opened", null],
    ]);
  });

  it("sends nothing with notify: false, and still holds the rules of an invitation: one live per address, never to someone who holds the role", async () => {
    const email = uniqueEmail("quiet-admin");
    const sent = app.outbox.length;
    const issued = await app.auth.api.issueInvite({ body: { email, role: "moderator", notify: false } });
    expect(app.outbox.length).toBe(sent);
    expect(issued.url).toContain(issued.token);
    // One live invitation per address rests on a unique index, which the memory adapter does not enforce.
    if (target.serialisesWrites) {
      await expect(app.auth.api.issueInvite({ body: { email, role: "moderator" } })).rejects.toMatchObject({
        statusCode: 409,
        body: { code: "ALREADY_INVITED" },
      });
    }
    const admin = await app.user("admin");
    await expect(app.auth.api.issueInvite({ body: { email: admin.email, role: "moderator" } })).rejects.toMatchObject({
      body: { code: "ALREADY_HAS_ROLE" },
    });
    await expect(app.auth.api.issueInvite({ body: { email: uniqueEmail("nobody"), role: "owner" } })).rejects.toMatchObject({
      body: { code: "ROLE_NOT_FOUND" },
    });
  });

  it("is never routed over HTTP, signed in as an admin or not", async () => {
    const admin = await app.user("admin");
    for (const jar of [null, admin.jar]) {
      const answer = await app.call("/invite/issue", { body: { email: uniqueEmail("attacker"), role: "admin" }, jar });
      expect(answer.status).toBe(404);
    }
  });
});
