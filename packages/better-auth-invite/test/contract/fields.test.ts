// What an invitation carries besides its grant: the creator's metadata, a personal message, and no email at all (notify: false).
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Invitation, InviteMetadata } from "../../src/index";
import { CookieJar } from "../support/http";
import { createdAnswer, type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const METADATA: InviteMetadata = {
  team: "Platform",
  source: { campaign: "spring", tags: ["beta", "é", "日本"] },
  seats: 3,
  trial: true,
  note: null,
};

/** A JSON object whose JSON is exactly `bytes` UTF-8 bytes long. */
function metadataOfBytes(bytes: number, character = "a"): InviteMetadata {
  const overhead = new TextEncoder().encode(JSON.stringify({ x: "" })).length;
  const size = new TextEncoder().encode(character).length;
  return { x: character.repeat((bytes - overhead) / size) };
}

const listAnswer = z.object({ invitations: z.array(z.looseObject({ id: z.string(), metadata: z.unknown(), message: z.unknown() })) });

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  beforeAll(async () => {
    app = await startInstance(database());
    admin = await app.user("admin", { name: "Ada Admin" });
  });

  const create = (by: Person, body: Record<string, unknown>) => app.call("/invite/create", { body, jar: by.jar });
  const listed = async (by: Person, id: string) => {
    const reply = await app.call("/invite/list?limit=100", { jar: by.jar });
    expect(reply.status, reply.text).toBe(200);
    return listAnswer.parse(reply.body).invitations.find((invitation) => invitation.id === id);
  };

  describe("metadata", () => {
    it("is stored as given and returned to its creator and to admins, by create and by list", async () => {
      const { invitation } = await app.createInvite(admin, { role: "moderator", metadata: METADATA });
      expect(invitation.metadata).toEqual(METADATA);
      expect((await app.invitation(invitation.id))?.metadata).toEqual(METADATA);
      expect((await listed(admin, invitation.id))?.metadata).toEqual(METADATA);
      const otherAdmin = await app.user("admin");
      expect((await listed(otherAdmin, invitation.id))?.metadata).toEqual(METADATA);
    });

    it("is never shown to a token holder: not by GET /invite/get, signed out or signed in as the invitee, nor by reject (nor the creator's address)", async () => {
      const invitee = await app.user();
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", email: invitee.email, metadata: METADATA });
      for (const viewer of [null, invitee]) {
        const looked = await app.lookUp(token, viewer);
        expect(looked.status).toBe(200);
        expect(looked.text).not.toContain("Platform");
        expect(looked.body).not.toHaveProperty("invitation.metadata");
      }
      const rejected = await app.call("/invite/reject", { body: { token }, jar: invitee.jar });
      expect(rejected).toMatchObject({ status: 200, body: { invitation: { id: invitation.id, metadata: null } } });
      expect(rejected.text).not.toContain("Platform");
      expect(rejected.text).not.toContain(admin.email);
    });

    it("is passed to sendUserInvitation at create and at resend", async () => {
      const email = uniqueEmail("meta");
      const { invitation } = await app.createInvite(admin, { role: "moderator", email, metadata: METADATA });
      expect(app.outbox.at(-1)).toMatchObject({ email, metadata: METADATA, invitation: { metadata: METADATA } });
      expect((await app.call("/invite/resend", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
      expect(app.outbox.at(-1)).toMatchObject({ email, metadata: METADATA });
    });

    it("is copied onto the use, as it was when the invitation was used", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", maxUses: 2, metadata: METADATA });
      const first = await app.user();
      expect((await app.accept(first, token)).status).toBe(200);
      const [use] = await app.usesOf(invitation.id);
      expect(use).toMatchObject({ usedByUserId: first.id, metadata: METADATA });
    });

    it("is null when none is given, on the invitation and its uses", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "moderator" });
      expect(invitation.metadata).toBeNull();
      expect((await app.accept(await app.user(), token)).status).toBe(200);
      expect((await app.usesOf(invitation.id))[0]?.metadata).toBeNull();
    });

    it("takes up to 4096 bytes of JSON, counted in UTF-8 bytes, and refuses more with 400 INVALID_METADATA", async () => {
      for (const character of ["a", "é"]) {
        const largest = metadataOfBytes(4096, character);
        const { invitation } = await app.createInvite(admin, { role: "user", metadata: largest });
        expect((await app.invitation(invitation.id))?.metadata).toEqual(largest);
      }
      const before = await app.adapter.count({ model: "invite" });
      for (const metadata of [metadataOfBytes(4098, "é"), metadataOfBytes(4097)]) {
        expect(await create(admin, { role: "user", metadata })).toMatchObject({ status: 400, body: { code: "INVALID_METADATA" } });
      }
      expect(await app.adapter.count({ model: "invite" })).toBe(before);
    });

    it("refuses what is not a JSON object, or holds what the database cannot keep, with 400 INVALID_METADATA", async () => {
      let deep: unknown = "bottom";
      for (let level = 0; level < 20; level++) deep = { level: deep };
      for (const metadata of [
        ["an", "array"],
        "a string",
        42,
        true,
        { bad: "nul\u0000byte" },
        { ["key\u0000"]: 1 },
        { lone: "\ud800" },
        deep,
      ]) {
        expect(await create(admin, { role: "user", metadata }), JSON.stringify(metadata)).toMatchObject({
          status: 400,
          body: { code: "INVALID_METADATA" },
        });
      }
    });

    it("a bad metadata beside another bad field is a VALIDATION_ERROR, which names both", async () => {
      const reply = await create(admin, { role: "", metadata: [] });
      expect(reply).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
      expect(reply.text).toContain("metadata");
      expect(reply.text).toContain("role");
    });
  });

  describe("hooks see the metadata and the message", () => {
    let hooked: Instance;
    let hookAdmin: Person;
    const seen: { hook: string; invitation: Pick<Invitation, "metadata" | "message"> }[] = [];
    const record =
      (hook: string) =>
      ({ invitation }: { invitation: Pick<Invitation, "metadata" | "message"> }) => {
        seen.push({ hook, invitation: { metadata: invitation.metadata, message: invitation.message } });
      };
    beforeAll(async () => {
      hooked = await startInstance(database(), {
        inviteHooks: {
          beforeCreateInvite: record("beforeCreateInvite"),
          afterCreateInvite: record("afterCreateInvite"),
          // With beforeAcceptInvite set, accept reads the invitation before it claims a use: the other way it copies metadata.
          beforeAcceptInvite: record("beforeAcceptInvite"),
          afterAcceptInvite: record("afterAcceptInvite"),
          beforeCancelInvite: record("beforeCancelInvite"),
          afterCancelInvite: record("afterCancelInvite"),
        },
      });
      hookAdmin = await hooked.user("admin");
    });

    it("every hook gets the invitation with both, and accept copies the metadata onto the use on this path too", async () => {
      const fields = { metadata: METADATA, message: "Welcome aboard" };
      const accepted = await hooked.createInvite(hookAdmin, { role: "moderator", ...fields });
      const invitee = await hooked.user();
      expect((await hooked.accept(invitee, accepted.token)).status).toBe(200);
      expect((await hooked.usesOf(accepted.invitation.id))[0]?.metadata).toEqual(METADATA);

      const canceled = await hooked.createInvite(hookAdmin, { role: "moderator", ...fields });
      expect((await hooked.call("/invite/cancel", { body: { id: canceled.invitation.id }, jar: hookAdmin.jar })).status).toBe(200);

      const hooks = [
        "beforeCreateInvite",
        "afterCreateInvite",
        "beforeAcceptInvite",
        "afterAcceptInvite",
        "beforeCreateInvite",
        "afterCreateInvite",
        "beforeCancelInvite",
        "afterCancelInvite",
      ];
      expect(seen).toEqual(hooks.map((hook) => ({ hook, invitation: fields })));
    });
  });

  describe("message", () => {
    it("is stored trimmed, with its line breaks, returned by create, list and GET /invite/get, and passed to sendUserInvitation", async () => {
      const email = uniqueEmail("note");
      const written = "  Hi Grace,\r\nwelcome to the <b>team</b> & all.\r\n\r\nAda  ";
      const kept = "Hi Grace,\nwelcome to the <b>team</b> & all.\n\nAda";
      const { token, invitation } = await app.createInvite(admin, { role: "moderator", email, message: written });
      expect(invitation.message).toBe(kept);
      expect((await listed(admin, invitation.id))?.message).toBe(kept);
      expect(app.outbox.at(-1)).toMatchObject({ email, message: kept });
      // Signed out: the accept page shows the note before the invitee signs in.
      expect(await app.lookUp(token)).toMatchObject({ status: 200, body: { invitation: { message: kept } } });
    });

    it("is null when none is given or it is only spaces", async () => {
      for (const body of [{}, { message: "   \n " }, { message: null }]) {
        const { token, invitation } = await app.createInvite(admin, { role: "user", ...body });
        expect(invitation.message).toBeNull();
        expect(await app.lookUp(token)).toMatchObject({ body: { invitation: { message: null } } });
      }
    });

    it("takes 500 characters and refuses 501, or a NUL byte, with 400 VALIDATION_ERROR", async () => {
      const longest = "m".repeat(500);
      expect((await app.createInvite(admin, { role: "user", message: `  ${longest}  ` })).invitation.message).toBe(longest);
      for (const message of ["m".repeat(501), "nul\u0000byte", 42]) {
        expect(await create(admin, { role: "user", message })).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
      }
    });
  });

  describe("notify: false on a private invitation", () => {
    it("sends nothing, hands the creator the link, and the link works for the invitee, who still proves the address", async () => {
      const email = uniqueEmail("handed");
      const sent = app.outbox.length;
      const reply = await create(admin, { role: "moderator", email, notify: false, message: "Here is your link" });
      expect(reply.status, reply.text).toBe(200);
      const { url, token, invitation } = createdAnswer.parse(reply.body);
      expect(app.outbox.length).toBe(sent);
      expect((await app.eventsOf(invitation.id)).map((event) => event.type)).toEqual(["created"]);

      // The creator passes the link on. The invitee signs up through it: the account is theirs, but the link did not
      // come through the inbox, so the address is not taken as verified, and the role waits for the verification.
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const signedUp = await app.call("/sign-up/email", { body: { name: "Grace", email, password: "handed-password" }, jar });
      expect(signedUp).toMatchObject({
        status: 200,
        body: { user: { emailVerified: false }, invite: { accepted: false, code: "EMAIL_NOT_VERIFIED" } },
      });
      const user = await app.findUserByEmail(email);
      expect(user?.role).toBe("user");
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });

      // Once the address is verified, the same link is accepted.
      await app.adapter.update({ model: "user", where: [{ field: "id", value: user?.id ?? "" }], update: { emailVerified: true } });
      expect(await app.call("/invite/accept", { body: { token }, jar })).toMatchObject({
        status: 200,
        body: { role: "moderator" },
      });
    });

    it("an emailed private invitation's link still verifies the account that signs up through it", async () => {
      const email = uniqueEmail("emailed");
      const { url } = await app.createInvite(admin, { role: "moderator", email });
      const jar = new CookieJar();
      await app.openLink(url, jar);
      expect(await app.call("/sign-up/email", { body: { name: "Emma", email, password: "emailed-password" }, jar })).toMatchObject({
        status: 200,
        body: { user: { emailVerified: true }, invite: { accepted: true, role: "moderator" } },
      });
    });

    it("resending it emails a new link, which then verifies the account", async () => {
      const email = uniqueEmail("resent");
      const reply = await create(admin, { role: "moderator", email, notify: false });
      const { invitation } = createdAnswer.parse(reply.body);
      expect((await app.call("/invite/resend", { body: { id: invitation.id }, jar: admin.jar })).status).toBe(200);
      const jar = new CookieJar();
      await app.openLink(app.outbox.at(-1)?.url ?? "", jar);
      expect(await app.call("/sign-up/email", { body: { name: "Rae", email, password: "resent-password" }, jar })).toMatchObject({
        status: 200,
        body: { user: { emailVerified: true }, invite: { accepted: true } },
      });
    });
  });
});
