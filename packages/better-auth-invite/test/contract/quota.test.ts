// invitationLimit: how many pending invitations one inviter may hold, enforced by create and create-many, read by GET /invite/quota.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { invite, type InviteOptions, type InviteUser } from "../../src/index";
import { type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const quotaAnswer = z.strictObject({ limit: z.number().nullable(), pending: z.number(), remaining: z.number().nullable() });
const codesAnswer = z.object({ results: z.array(z.object({ status: z.string(), code: z.string().optional() })) });

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  beforeAll(async () => {
    app = await startInstance(database());
  });

  /** The same database with other options: sessions made by `app` are valid there too. */
  const instance = (options: InviteOptions) => startInstance(database(), options);

  async function quotaOf(on: Instance, by: Person) {
    const reply = await on.call("/invite/quota", { jar: by.jar });
    expect(reply.status, reply.text).toBe(200);
    return quotaAnswer.parse(reply.body);
  }

  /** What each address of a create-many came to: "created", or its code. */
  async function outcomes(on: Instance, by: Person, emails: string[]) {
    const reply = await on.call("/invite/create-many", { body: { emails, role: "user" }, jar: by.jar });
    expect(reply.status, reply.text).toBe(200);
    return codesAnswer.parse(reply.body).results.map((result) => result.code ?? result.status);
  }

  describe("invitationLimit", () => {
    it("as a number refuses the invitation past it with 403 INVITATION_LIMIT_REACHED, in create, check and mid-list in create-many", async () => {
      const capped = await instance({ invitationLimit: 3 });
      const admin = await app.user("admin");
      expect(await quotaOf(capped, admin)).toEqual({ limit: 3, pending: 0, remaining: 3 });
      expect((await capped.call("/invite/create", { body: { role: "user" }, jar: admin.jar })).status).toBe(200);
      expect(await quotaOf(capped, admin)).toEqual({ limit: 3, pending: 1, remaining: 2 });

      const emails = [uniqueEmail("within"), uniqueEmail("within"), uniqueEmail("past"), uniqueEmail("past")];
      expect(await outcomes(capped, admin, emails)).toEqual(["created", "created", "INVITATION_LIMIT_REACHED", "INVITATION_LIMIT_REACHED"]);
      expect(await capped.adapter.count({ model: "invite", where: [{ field: "createdByUserId", value: admin.id }] })).toBe(3);
      expect(await quotaOf(capped, admin)).toEqual({ limit: 3, pending: 3, remaining: 0 });

      const refused = await capped.call("/invite/create", { body: { role: "user" }, jar: admin.jar });
      expect(refused).toMatchObject({ status: 403, body: { code: "INVITATION_LIMIT_REACHED" } });
      expect(await capped.call("/invite/check", { body: { role: "user", email: uniqueEmail("checked") }, jar: admin.jar })).toMatchObject({
        status: 403,
        body: { code: "INVITATION_LIMIT_REACHED" },
      });
      // Another inviter has a limit of their own.
      const colleague = await app.user("admin");
      expect(await quotaOf(capped, colleague)).toEqual({ limit: 3, pending: 0, remaining: 3 });
    });

    it("counts only invitations usable now: a canceled, a used-up or an expired one makes room", async () => {
      const capped = await instance({ invitationLimit: 3 });
      const admin = await app.user("admin");
      const canceled = await capped.createInvite(admin, { role: "user" });
      const used = await capped.createInvite(admin, { role: "moderator" });
      const expired = await capped.createInvite(admin, { role: "user" });
      expect(await quotaOf(capped, admin)).toMatchObject({ pending: 3, remaining: 0 });

      expect((await capped.call("/invite/cancel", { body: { id: canceled.invitation.id }, jar: admin.jar })).status).toBe(200);
      expect((await capped.accept(await app.user("user"), used.token)).status).toBe(200);
      await capped.expire(expired.invitation.id);
      expect(await quotaOf(capped, admin)).toEqual({ limit: 3, pending: 0, remaining: 3 });
      expect((await capped.call("/invite/create", { body: { role: "user" }, jar: admin.jar })).status).toBe(200);
    });

    it("as a function is asked with the inviter, and may give each inviter their own limit", async () => {
      const asked: InviteUser[] = [];
      const perRole = await instance({
        canCreateInvite: { statement: "invite", permissions: ["create"] },
        invitationLimit: async (inviter, ctx) => {
          expect(ctx.context.adapter).toBeDefined();
          asked.push(inviter);
          return inviter.role === "admin" ? 2 : 1;
        },
      });
      const admin = await app.user("admin");
      const moderator = await app.user("moderator");
      expect(await quotaOf(perRole, admin)).toEqual({ limit: 2, pending: 0, remaining: 2 });
      expect(await quotaOf(perRole, moderator)).toEqual({ limit: 1, pending: 0, remaining: 1 });
      expect(asked.map((inviter) => inviter.id)).toEqual([admin.id, moderator.id]);

      expect(await outcomes(perRole, moderator, [uniqueEmail("one"), uniqueEmail("two")])).toEqual(["created", "INVITATION_LIMIT_REACHED"]);
      expect(await outcomes(perRole, admin, [uniqueEmail("one"), uniqueEmail("two"), uniqueEmail("three")])).toEqual([
        "created",
        "created",
        "INVITATION_LIMIT_REACHED",
      ]);
    });

    it("Infinity from the function is no limit", async () => {
      const unlimited = await instance({ invitationLimit: () => Number.POSITIVE_INFINITY });
      const admin = await app.user("admin");
      await unlimited.createInvite(admin, { role: "user" });
      expect(await quotaOf(unlimited, admin)).toEqual({ limit: null, pending: 1, remaining: null });
    });

    it("unset, limits nothing: the quota says so, and still counts what is pending", async () => {
      const admin = await app.user("admin");
      await app.createInvite(admin, { role: "user" });
      await app.createInvite(admin, { role: "user", email: uniqueEmail("pending") });
      expect(await quotaOf(app, admin)).toEqual({ limit: null, pending: 2, remaining: null });
    });

    it("that is no whole number of at least 0 is refused when the plugin is made", () => {
      for (const invitationLimit of [-1, 2.5, Number.NaN]) expect(() => invite({ invitationLimit })).toThrow(/invitationLimit/);
    });
  });

  describe("GET /invite/quota", () => {
    it("needs a session: 401 USER_NOT_LOGGED_IN", async () => {
      expect(await app.call("/invite/quota")).toMatchObject({ status: 401, body: { code: "USER_NOT_LOGGED_IN" } });
    });

    it("answers anyone signed in for themselves, inviter or not", async () => {
      const capped = await instance({ invitationLimit: 10 });
      expect(await quotaOf(capped, await app.user("user"))).toEqual({ limit: 10, pending: 0, remaining: 10 });
    });
  });
});
