// POST /invite/create-many: a list of addresses, each invited or refused on its own, in the order given.
import type { BetterAuthRateLimitStorage } from "better-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { InviteOptions } from "../../src/index";
import { type Instance, type InstanceOptions, invitationAnswer, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

const resultAnswer = z.strictObject({
  email: z.string(),
  status: z.enum(["created", "refused"]),
  code: z.string().optional(),
  message: z.string().optional(),
  invitation: invitationAnswer.optional(),
  token: z.string().optional(),
  url: z.string().optional(),
});
const resultsAnswer = z.strictObject({ results: z.array(resultAnswer) });
type Result = z.infer<typeof resultAnswer>;

let addresses = 0;
/** A client address of its own for each story: rate-limit counts are kept per address, and outlive an instance. */
const freshAddress = () => `198.51.100.${(addresses += 1)}`;

/**
 * A rate-limit storage of the kind an app plugs in as `rateLimit.customStorage` (Redis, its own table): one atomic
 * count per key and window, read by Better Auth's limiter and by the plugin alike.
 */
function sharedStorage(): BetterAuthRateLimitStorage {
  const counts = new Map<string, { count: number; since: number }>();
  return {
    consume: async (key, rule) => {
      const now = Date.now();
      const entry = counts.get(key);
      if (!entry || now - entry.since >= rule.window * 1000) {
        counts.set(key, { count: 1, since: now });
        return { allowed: true, retryAfter: null };
      }
      if (entry.count >= rule.max) return { allowed: false, retryAfter: Math.ceil((entry.since + rule.window * 1000 - now) / 1000) };
      entry.count += 1;
      return { allowed: true, retryAfter: null };
    },
  };
}

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  beforeAll(async () => {
    app = await startInstance(database());
    admin = await app.user("admin", { name: "Ada Admin" });
  });

  /** The same database with other options: sessions made by `app` are valid there too. */
  const instance = (options: InviteOptions, auth: InstanceOptions = {}) => startInstance(database(), options, auth);

  async function createMany(on: Instance, by: Person | null, body: unknown, headers: Record<string, string> = {}) {
    return on.call("/invite/create-many", { body, jar: by?.jar ?? null, headers });
  }

  /** A list that must be answered 200: its results, parsed. */
  async function resultsOf(on: Instance, by: Person, body: unknown, headers: Record<string, string> = {}): Promise<Result[]> {
    const reply = await createMany(on, by, body, headers);
    expect(reply.status, reply.text).toBe(200);
    return resultsAnswer.parse(reply.body).results;
  }

  const pendingTo = (email: string) => app.adapter.count({ model: "invite", where: [{ field: "email", value: email }] });

  describe("POST /invite/create-many", () => {
    it("answers one result per address, in the order given: each invited, emailed, recorded, with no token in the answer", async () => {
      const emails = [uniqueEmail("first"), uniqueEmail("second"), uniqueEmail("third")];
      const sent = app.outbox.length;
      const results = await resultsOf(app, admin, { emails, role: "moderator", expiresIn: 3600 });
      expect(results.map((result) => [result.email, result.status])).toEqual(emails.map((email) => [email, "created"]));
      for (const [index, result] of results.entries()) {
        expect(result.invitation).toMatchObject({ email: emails[index], role: "moderator", isPrivate: true, createdByUserId: admin.id });
        expect(result).not.toHaveProperty("token");
        expect(result).not.toHaveProperty("url");
        expect(Math.abs(new Date(result.invitation?.expiresAt ?? 0).getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
        const events = await app.eventsOf(result.invitation?.id ?? "");
        expect(events.map((event) => event.type).sort()).toEqual(["created", "emailed"]);
      }
      expect(app.outbox.slice(sent).map((input) => input.email)).toEqual(emails);
      // The emailed token is the invitation's: its invitee can use it.
      const token = app.lastTokenSentTo(emails[1] ?? "");
      expect(await app.lookUp(token)).toMatchObject({ status: 200, body: { invitation: { role: "moderator" } } });
    });

    it("merges an address listed twice (trimmed, any case): the first is invited, each later one is refused DUPLICATE_EMAIL", async () => {
      const email = uniqueEmail("twice");
      const other = uniqueEmail("once");
      const given = [email, other, `  ${email.toUpperCase()} `, email];
      const results = await resultsOf(app, admin, { emails: given, role: "user" });
      expect(results.map(({ email: address, status, code }) => ({ email: address, status, code }))).toEqual([
        { email, status: "created", code: undefined },
        { email: other, status: "created", code: undefined },
        { email: given[2], status: "refused", code: "DUPLICATE_EMAIL" },
        { email, status: "refused", code: "DUPLICATE_EMAIL" },
      ]);
      expect(results[2]?.message).toBe("This address appears earlier in the list: it gets one invitation.");
      expect(await pendingTo(email)).toBe(1);
    });

    it("refuses what is not an address with INVALID_EMAIL on its own line, and invites the rest", async () => {
      const good = uniqueEmail("good");
      const given = ["not-an-email", good, "", `${"x".repeat(250)}@example.com`, "two@at@example.com"];
      const results = await resultsOf(app, admin, { emails: given, role: "user" });
      expect(results.map((result) => [result.email, result.code ?? result.status])).toEqual([
        ["not-an-email", "INVALID_EMAIL"],
        [good, "created"],
        ["", "INVALID_EMAIL"],
        [given[3], "INVALID_EMAIL"],
        ["two@at@example.com", "INVALID_EMAIL"],
      ]);
    });

    it("refuses each mistake on its own address (already holds the role, oneself, already invited) and invites the others", async () => {
      const moderator = await app.user("moderator");
      const invited = uniqueEmail("invited");
      await app.createInvite(admin, { role: "moderator", email: invited });
      const fresh = uniqueEmail("fresh");
      const results = await resultsOf(app, admin, { emails: [moderator.email, admin.email, invited, fresh], role: "moderator" });
      expect(results.map((result) => result.code ?? result.status)).toEqual([
        "ALREADY_HAS_ROLE",
        "CANNOT_INVITE_YOURSELF",
        // The memory adapter enforces no unique index: one live invitation per address needs a real database.
        target.serialisesWrites ? "ALREADY_INVITED" : "created",
        "created",
      ]);
      expect(results[0]?.message).toBe("This account already has this role, or a higher one.");
      expect(await pendingTo(moderator.email)).toBe(0);
    });

    it("reports an email that could not be sent on its own address, leaves no invitation for it, and sends the others", async () => {
      const unlucky = uniqueEmail("unlucky");
      const delivered: string[] = [];
      const flaky = await instance({
        sendUserInvitation: async ({ email }) => {
          if (email === unlucky) throw new Error("the mail server refused this address");
          delivered.push(email);
        },
      });
      const before = uniqueEmail("before");
      const after = uniqueEmail("after");
      const results = await resultsOf(flaky, admin, { emails: [before, unlucky, after], role: "user" });
      expect(results.map((result) => result.code ?? result.status)).toEqual(["created", "ERROR_SENDING_THE_INVITATION_EMAIL", "created"]);
      expect(delivered).toEqual([before, after]);
      expect(await pendingTo(unlucky)).toBe(0);
    });

    it("with notify false sends nothing, and gives the creator each invitation's token and link, which work", async () => {
      const emails = [uniqueEmail("quiet"), uniqueEmail("quiet")];
      const sent = app.outbox.length;
      const results = await resultsOf(app, admin, { emails, role: "moderator", notify: false });
      expect(app.outbox.length).toBe(sent);
      for (const result of results) {
        expect(result).toMatchObject({ status: "created", token: expect.any(String), url: expect.stringContaining("/invite/") });
        expect(result.url).toContain(encodeURIComponent(result.token ?? ""));
        expect((await app.eventsOf(result.invitation?.id ?? "")).map((event) => event.type)).toEqual(["created"]);
      }
      const invitee = await app.user("user", { email: emails[0] });
      expect(await app.accept(invitee, results[0]?.token ?? "")).toMatchObject({ status: 200, body: { role: "moderator" } });
    });

    it("without notify false needs sendUserInvitation: 400 INVITATION_EMAIL_NOT_ENABLED for the whole list, and nothing made", async () => {
      const silent = await instance({ sendUserInvitation: undefined });
      const email = uniqueEmail("unsent");
      expect(await createMany(silent, admin, { emails: [email], role: "user" })).toMatchObject({
        status: 400,
        body: { code: "INVITATION_EMAIL_NOT_ENABLED" },
      });
      expect(await pendingTo(email)).toBe(0);
      expect((await resultsOf(silent, admin, { emails: [email], role: "user", notify: false }))[0]?.status).toBe("created");
    });

    it("refuses the whole list for who calls and for which role: 401, 403, 400 ROLE_NOT_FOUND", async () => {
      const email = uniqueEmail("never");
      const member = await app.user("user");
      const moderator = await app.user("moderator");
      expect(await createMany(app, null, { emails: [email], role: "user" })).toMatchObject({
        status: 401,
        body: { code: "USER_NOT_LOGGED_IN" },
      });
      expect(await createMany(app, member, { emails: [email], role: "user" })).toMatchObject({
        status: 403,
        body: { code: "INSUFFICIENT_PERMISSIONS" },
      });
      expect(await createMany(app, admin, { emails: [email], role: "emperor" })).toMatchObject({
        status: 400,
        body: { code: "ROLE_NOT_FOUND" },
      });
      const byStatement = await instance({ canCreateInvite: { statement: "invite", permissions: ["create"] } });
      expect(await createMany(byStatement, moderator, { emails: [email], role: "admin" })).toMatchObject({
        status: 403,
        body: { code: "ROLE_ABOVE_INVITER" },
      });
      expect(await pendingTo(email)).toBe(0);
    });

    it.each([
      ["no address", { emails: [], role: "user" }],
      ["101 addresses", { emails: Array.from({ length: 101 }, (_, index) => `many-${index}@example.com`), role: "user" }],
      ["no list", { role: "user" }],
      ["a list of numbers", { emails: [1, 2], role: "user" }],
      ["a field create-many does not take", { emails: ["a@example.com"], role: "user", maxUses: 3 }],
      ["expiresIn over a year", { emails: ["a@example.com"], role: "user", expiresIn: 366 * 86_400 }],
    ])("answers %s with 400 and a code, and makes nothing", async (_label, body) => {
      const reply = await createMany(app, admin, body);
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body).toMatchObject({ code: expect.any(String) });
    });

    it("takes 100 addresses", async () => {
      const emails = Array.from({ length: 100 }, () => uniqueEmail("hundred"));
      const results = await resultsOf(app, admin, { emails, role: "user", notify: false });
      expect(results.filter((result) => result.status === "created")).toHaveLength(100);
    });

    it("asks a canCreateInvite function about each address, and refuses only the ones it refuses", async () => {
      const asked: (string | undefined)[] = [];
      const staffOnly = await instance({
        canCreateInvite: ({ invitedUser }) => {
          asked.push(invitedUser.email);
          return invitedUser.email?.endsWith("@staff.example.com") ?? false;
        },
      });
      const staff = `staff-${crypto.randomUUID().slice(0, 8)}@staff.example.com`;
      const outsider = uniqueEmail("outsider");
      const results = await resultsOf(staffOnly, admin, { emails: [outsider, staff], role: "user" });
      expect(results.map((result) => result.code ?? result.status)).toEqual(["INSUFFICIENT_PERMISSIONS", "created"]);
      expect(asked).toEqual(expect.arrayContaining([outsider, staff]));
    });
  });

  describe("the send budget", () => {
    const limited = (storage?: BetterAuthRateLimitStorage) =>
      instance({ sendRateLimit: { window: 60, max: 5 } }, { rateLimit: { enabled: true, ...(storage ? { customStorage: storage } : {}) } });

    it("counts each address against the budget POST /invite/create spends from: once spent, the rest are refused TOO_MANY_REQUESTS", async () => {
      const budgeted = await limited(sharedStorage());
      const from = { "x-forwarded-for": freshAddress() };
      for (let index = 0; index < 2; index++) {
        const single = await budgeted.call("/invite/create", { body: { role: "user" }, jar: admin.jar, headers: from });
        expect(single.status, single.text).toBe(200);
      }
      const emails = Array.from({ length: 5 }, () => uniqueEmail("budget"));
      const results = await resultsOf(budgeted, admin, { emails: [emails[0], emails[0], ...emails.slice(1)], role: "user" }, from);
      // Two creates and three addresses spend the five; the duplicate spends nothing.
      expect(results.map((result) => result.code ?? result.status)).toEqual([
        "created",
        "DUPLICATE_EMAIL",
        "created",
        "created",
        "TOO_MANY_REQUESTS",
        "TOO_MANY_REQUESTS",
      ]);
      expect(results[4]?.message).toBe("Too many attempts. Try again later.");
      for (const email of emails.slice(3)) expect(await pendingTo(email)).toBe(0);
      // The budget is create's own: a single create is refused now, by Better Auth's limiter.
      expect((await budgeted.call("/invite/create", { body: { role: "user" }, jar: admin.jar, headers: from })).status).toBe(429);
      // A list is never refused whole for it: each address says why.
      const spent = await resultsOf(budgeted, admin, { emails: [uniqueEmail("late")], role: "user" }, from);
      expect(spent.map((result) => result.code)).toEqual(["TOO_MANY_REQUESTS"]);
      // Another client address has a budget of its own.
      const elsewhere = await resultsOf(
        budgeted,
        admin,
        { emails: [uniqueEmail("elsewhere")], role: "user" },
        { "x-forwarded-for": freshAddress() },
      );
      expect(elsewhere.map((result) => result.status)).toEqual(["created"]);
    });

    it("counts each address with Better Auth's own in-memory storage too", async () => {
      const budgeted = await limited();
      const from = { "x-forwarded-for": freshAddress() };
      const emails = Array.from({ length: 7 }, () => uniqueEmail("memory"));
      const results = await resultsOf(budgeted, admin, { emails, role: "user", notify: false }, from);
      expect(results.map((result) => result.code ?? result.status)).toEqual([
        ...Array.from({ length: 5 }, () => "created"),
        "TOO_MANY_REQUESTS",
        "TOO_MANY_REQUESTS",
      ]);
    });
  });
});
