// Shareable invitations restricted to domains (allowedDomains): who may accept, through every path, and who may sign up.
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "../support/http";
import { type Instance, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";

/** An address at `domain` no other test uses. */
const at = (domain: string, label = "someone") => uniqueEmail(label).replace("@example.com", `@${domain}`);

describeTargets(targets, (target) => {
  const database = useDatabase(target);
  let app: Instance;
  let admin: Person;
  beforeAll(async () => {
    app = await startInstance(database());
    admin = await app.user("admin");
  });

  const create = (body: Record<string, unknown>) => app.call("/invite/create", { body, jar: admin.jar });
  const restricted = (extra: Record<string, unknown> = {}) =>
    app.createInvite(admin, { role: "moderator", maxUses: 10, allowedDomains: ["acme.test"], ...extra });
  const signUp = (jar: CookieJar, email: string) =>
    app.call("/sign-up/email", { body: { name: "Domain Person", email, password: "domain-password" }, jar });

  describe("creating", () => {
    it("keeps the domains lower-cased, without a leading @, duplicates merged; GET /invite/get shows them to anyone", async () => {
      const { token, invitation } = await app.createInvite(admin, {
        role: "user",
        allowedDomains: [" @Acme.TEST", "acme.test", "eu.acme.test", "xn--bcher-kva.example"],
      });
      const kept = ["acme.test", "eu.acme.test", "xn--bcher-kva.example"];
      expect(invitation.allowedDomains).toEqual(kept);
      expect((await app.invitation(invitation.id))?.allowedDomains).toEqual(kept);
      expect(await app.lookUp(token)).toMatchObject({ status: 200, body: { invitation: { allowedDomains: kept, isPrivate: false } } });
    });

    it("an invitation without domains says so: null", async () => {
      const { token, invitation } = await app.createInvite(admin, { role: "user" });
      expect(invitation.allowedDomains).toBeNull();
      expect(await app.lookUp(token)).toMatchObject({ body: { invitation: { allowedDomains: null } } });
    });

    it("refuses an empty list, more than 20, and anything that is not a domain name, with 400 INVALID_ALLOWED_DOMAINS", async () => {
      const before = await app.adapter.count({ model: "invite" });
      const twentyOne = Array.from({ length: 21 }, (_, index) => `d${index}.test`);
      const bad = [
        "localhost",
        "exa mple.com",
        "-acme.test",
        "acme-.test",
        "a..test",
        "1.2.3.4",
        "acme.test/path",
        "ü.test",
        "",
        "x@acme.test",
      ];
      for (const allowedDomains of [[], twentyOne, ...bad.map((domain) => [domain]), "acme.test", [42], ["nul\u0000.test"]]) {
        expect(await create({ role: "user", allowedDomains }), JSON.stringify(allowedDomains)).toMatchObject({
          status: 400,
          body: { code: "INVALID_ALLOWED_DOMAINS" },
        });
      }
      expect((await app.createInvite(admin, { role: "user", allowedDomains: twentyOne.slice(1) })).invitation.allowedDomains).toHaveLength(
        20,
      );
      expect(await app.adapter.count({ model: "invite" })).toBe(before + 1);
    });

    it("refuses domains on a private invitation (400 INVALID_ALLOWED_DOMAINS), sending nothing", async () => {
      const sent = app.outbox.length;
      expect(await create({ role: "user", email: at("acme.test"), allowedDomains: ["acme.test"] })).toMatchObject({
        status: 400,
        body: { code: "INVALID_ALLOWED_DOMAINS" },
      });
      expect(app.outbox.length).toBe(sent);
    });
  });

  describe("accepting", () => {
    it("takes a verified account at one of the domains", async () => {
      const { token, invitation } = await restricted({ allowedDomains: ["other.test", "acme.test"] });
      const insider = await app.user("user", { email: at("acme.test") });
      expect(await app.accept(insider, token)).toMatchObject({ status: 200, body: { role: "moderator" } });
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 1 });
    });

    it("refuses another domain, and a subdomain of an allowed one, with 403 EMAIL_DOMAIN_NOT_ALLOWED, spending nothing", async () => {
      const { token, invitation } = await restricted();
      for (const email of [at("elsewhere.test"), at("eu.acme.test"), at("acme.test.evil.test"), at("notacme.test")]) {
        const outsider = await app.user("user", { email });
        expect(await app.accept(outsider, token), email).toMatchObject({ status: 403, body: { code: "EMAIL_DOMAIN_NOT_ALLOWED" } });
        expect(await app.roleOf(outsider.id)).toBe("user");
      }
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });
    });

    it("refuses an unverified address at an allowed domain with 403 EMAIL_NOT_VERIFIED, the step it lacks", async () => {
      const { token, invitation } = await restricted();
      const unverified = await app.user("user", { email: at("acme.test"), emailVerified: false });
      expect(await app.accept(unverified, token)).toMatchObject({ status: 403, body: { code: "EMAIL_NOT_VERIFIED" } });
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });
    });

    it("refuses the same way through activate with a session, and through a sign-in carrying the invite cookie", async () => {
      const { token, url } = await restricted();
      const outsider = await app.user("user", { email: at("elsewhere.test") });
      expect(await app.call("/invite/activate", { body: { token }, jar: outsider.jar })).toMatchObject({
        status: 403,
        body: { code: "EMAIL_DOMAIN_NOT_ALLOWED" },
      });

      const jar = new CookieJar();
      await app.openLink(url, jar);
      expect(await app.call("/sign-in/email", { body: { email: outsider.email, password: outsider.password }, jar })).toMatchObject({
        status: 200,
        body: { user: { id: outsider.id }, invite: { accepted: false, code: "EMAIL_DOMAIN_NOT_ALLOWED" } },
      });
      expect(await app.roleOf(outsider.id)).toBe("user");

      const insider = await app.user("user", { email: at("acme.test") });
      const insiderJar = new CookieJar();
      await app.openLink(url, insiderJar);
      expect(
        await app.call("/sign-in/email", { body: { email: insider.email, password: insider.password }, jar: insiderJar }),
      ).toMatchObject({
        status: 200,
        body: { invite: { accepted: true, role: "moderator" } },
      });
    });
  });

  describe("signing up through the link", () => {
    it("is refused for an address at another domain (403 EMAIL_DOMAIN_NOT_ALLOWED) before the user is created", async () => {
      const { url, invitation } = await restricted();
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const outsider = at("elsewhere.test");
      expect(await signUp(jar, outsider)).toMatchObject({ status: 403, body: { code: "EMAIL_DOMAIN_NOT_ALLOWED" } });
      expect(await app.findUserByEmail(outsider)).toBeNull();
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });
    });

    it("lets an address at the domain sign up, unverified: the role waits until the address is verified", async () => {
      const { url, token } = await restricted();
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const email = at("ACME.test", "Newcomer");
      expect(await signUp(jar, email)).toMatchObject({
        status: 200,
        body: { user: { emailVerified: false }, invite: { accepted: false, code: "EMAIL_NOT_VERIFIED" } },
      });
      const user = await app.findUserByEmail(email.toLowerCase());
      expect(user).not.toBeNull();
      await app.adapter.update({ model: "user", where: [{ field: "id", value: user?.id ?? "" }], update: { emailVerified: true } });
      expect(await app.call("/invite/accept", { body: { token }, jar })).toMatchObject({ status: 200, body: { role: "moderator" } });
    });
  });
});
