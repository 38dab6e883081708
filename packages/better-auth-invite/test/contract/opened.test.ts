// The `opened` event: following the emailed link is recorded once per invitation, and never spends a use.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { InviteEvent } from "../../src/index";
import { type Instance, type Person, startInstance } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const OPENERS = 8;

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  beforeAll(async () => {
    app = await startInstance(database());
    admin = await app.user("admin");
  });

  const openedOf = async (inviteId: string) => (await app.eventsOf(inviteId)).filter((event) => event.type === "opened");
  const allOpened = () => app.adapter.count({ model: "inviteEvent", where: [{ field: "type", value: "opened" }] });

  it("the first open of the emailed link writes one opened event, by nobody, and changes nothing else: the redirect, the uses and the status stay", async () => {
    const { url, invitation } = await app.createInvite(admin, { role: "moderator", email: "opener@example.com" });
    const before = await app.invitation(invitation.id);
    const response = await app.send(url);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/invite/");

    const opened = await openedOf(invitation.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject<Partial<InviteEvent>>({ actorUserId: null, actorName: null, actorEmail: null });
    expect(await app.invitation(invitation.id)).toEqual(before);
  });

  it("later opens record nothing more: one opened event however often the link is followed", async () => {
    const { url, invitation } = await app.createInvite(admin, { role: "moderator" });
    for (let open = 0; open < 3; open++) expect((await app.send(url)).status).toBe(302);
    expect(await openedOf(invitation.id)).toHaveLength(1);
  });

  it("a link that matches no invitation redirects as before and records nothing", async () => {
    const before = await allOpened();
    const response = await app.send("/invite/no-such-token-0123456789abcdefghijklmnopqrstuvwxyz");
    expect(response.status).toBe(302);
    expect(await allOpened()).toBe(before);
  });

  if (target.serialisesWrites) {
    it(`${OPENERS} simultaneous opens of one link (a scanner and the invitee) write exactly one opened event, and every open redirects`, async () => {
      const { url, invitation } = await app.createInvite(admin, { role: "moderator", maxUses: 2 });
      const responses = await Promise.all(Array.from({ length: OPENERS }, () => app.send(url)));
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: OPENERS }, () => 302));
      expect(await openedOf(invitation.id)).toHaveLength(1);
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0, usesLeft: 2, status: "pending" });
    });
  } else {
    // The memory adapter's transactions run on copies merged back at the end: nothing serialises two first opens.
    it(`cannot promise one opened event under ${OPENERS} simultaneous opens without serialising transactions: at least one is written, and no use is spent`, async () => {
      const { url, invitation } = await app.createInvite(admin, { role: "moderator", maxUses: 2 });
      const responses = await Promise.all(Array.from({ length: OPENERS }, () => app.send(url)));
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: OPENERS }, () => 302));
      expect((await openedOf(invitation.id)).length).toBeGreaterThanOrEqual(1);
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0, usesLeft: 2 });
    });
  }
});

describe("SQLite (Kysely, better-sqlite3): a database that refuses the event", () => {
  const sqlite = targets.find((target) => target.name.startsWith("SQLite"));

  it("still redirects to the accept page with the token kept, and logs why the event was not written", async () => {
    // A database of its own (not the file's shared one): the trigger below must not reach the other stories.
    if (!sqlite) throw new Error("the SQLite target is missing");
    const open = await sqlite.open();
    onTestFinished(() => open.close());
    if (!(open.database instanceof Database)) throw new Error("expected a better-sqlite3 database");
    // A real refusal by the database, not a stub: the write fails as it would on a full disk or a lost connection.
    open.database.exec(
      `create trigger refuse_opened before insert on inviteEvent when new.type = 'opened' begin select raise(abort, 'opened refused'); end`,
    );
    const app = await startInstance(open);
    const admin = await app.user("admin");
    const { url, invitation } = await app.createInvite(admin, { role: "moderator" });
    const jar = admin.jar.copy();
    const response = await app.openLink(url, jar);
    expect(response.status).toBe(302);
    expect(jar.has("invite_token")).toBe(true);
    expect((await app.eventsOf(invitation.id)).map((event) => event.type)).not.toContain("opened");
    expect(app.logged.some((line) => line.level === "error" && line.message.includes('"opened" event could not be written'))).toBe(true);
  });
});
