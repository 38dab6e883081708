// Every way of signing in carries the invitation: a magic link (a GET that signs in and redirects), and a password
// sign-in held for its second factor by Better Auth's twoFactor plugin, whatever the order of the plugins.
import { magicLink, twoFactor } from "better-auth/plugins";
import type { BetterAuthPlugin } from "better-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CookieJar } from "../support/http";
import { type InstanceOptions, type Instance, ORIGIN, type Person, startInstance, uniqueEmail } from "../support/instance";
import { describeTargets, targets, useDatabase } from "../support/targets";
import { totpCode } from "../support/totp";

const WELCOME = "/welcome";
/** A code the authenticator does not show now (nor, but for a one-in-a-million chance, 30 s before or after). */
const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");
const session = z.object({ user: z.object({ id: z.string(), role: z.string() }) });

describeTargets(targets, (target) => {
  const database = useDatabase(target);

  describe("magic link", () => {
    // What Better Auth's magicLink plugin asked to send, newest last.
    const links: { email: string; url: string }[] = [];
    let app: Instance;
    let admin: Person;
    beforeAll(async () => {
      const plugin = magicLink({
        storeToken: "hashed",
        sendMagicLink: async ({ email, url }) => {
          links.push({ email, url });
        },
      });
      app = await startInstance(database(), { defaultRedirectAfterUpgrade: WELCOME }, { after: [plugin] });
      admin = await app.user("admin");
    });

    /** Asks for a link to `email` with the invitation's accept page as where to go, and returns it as sent. */
    async function requestLink(jar: CookieJar, email: string, token: string, name?: string): Promise<URL> {
      const body = { email, name, callbackURL: `/invite/${token}`, errorCallbackURL: "/sign-in" };
      const reply = await app.call("/sign-in/magic-link", { body, jar });
      expect(reply, reply.text).toMatchObject({ status: 200, body: { status: true } });
      const sent = links.filter((link) => link.email === email).at(-1);
      if (!sent) throw new Error(`no magic link to ${email}`);
      return new URL(sent.url);
    }

    const signedInUser = async (jar: CookieJar) => session.parse((await app.call("/get-session", { jar })).body).user;

    it("a newcomer who opened a private invitation's link signs up by magic link, holds the role, and lands where the invitation leads", async () => {
      const email = uniqueEmail("magic-newcomer");
      const { url, token, invitation } = await app.createInvite(admin, { role: "moderator", email });
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const link = await requestLink(jar, email, token, "Magic Newcomer");
      // Sending the link accepts nothing: the inbox is not proven yet.
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });

      const verified = await app.send(link.toString(), { jar });
      expect(verified.status).toBe(302);
      expect(verified.headers.get("location")).toBe(`${ORIGIN}${WELCOME}`);
      const user = await signedInUser(jar);
      expect(user.role).toBe("moderator");
      expect(await app.userRow(user.id)).toMatchObject({ email, emailVerified: true, role: "moderator" });
      expect(await app.usesOf(invitation.id)).toMatchObject([{ usedByUserId: user.id, previousRole: "user", newRole: "moderator" }]);
      expect(jar.has("invite_token")).toBe(false);
    });

    it("an existing account signs in by magic link from an invitation and gets the upgrade", async () => {
      const existing = await app.user();
      const { url, token } = await app.createInvite(admin, { role: "moderator", maxUses: 5 });
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const verified = await app.send((await requestLink(jar, existing.email, token)).toString(), { jar });
      expect(verified.headers.get("location")).toBe(`${ORIGIN}${WELCOME}`);
      expect(await signedInUser(jar)).toMatchObject({ id: existing.id, role: "moderator" });
      expect(await app.roleOf(existing.id)).toBe("moderator");
    });

    it("a magic-link sign-up carrying a private invitation for another address is refused before the user is created, on the accept page", async () => {
      const { url, token, invitation } = await app.createInvite(admin, { role: "moderator", email: uniqueEmail("intended") });
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const intruder = uniqueEmail("magic-intruder");
      const verified = await app.send((await requestLink(jar, intruder, token, "Intruder")).toString(), { jar });
      expect(verified.status).toBe(302);
      const location = new URL(verified.headers.get("location") ?? "", ORIGIN);
      // Not the call's errorCallbackURL: the accept page, which says why and offers the right address.
      expect(location.pathname).toBe(`/invite/${token}`);
      expect(location.searchParams.get("error")).toBe("EMAIL_MISMATCH");
      expect(await app.findUserByEmail(intruder)).toBeNull();
      expect(jar.has("session_token")).toBe(false);
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0, status: "pending" });
    });

    it("a magic-link sign-in whose invitation cannot be used still signs in, keeps the role, and lands on the accept page with the code", async () => {
      const existing = await app.user();
      const { url, token, invitation } = await app.createInvite(admin, { role: "moderator" });
      await app.expire(invitation.id);
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const verified = await app.send((await requestLink(jar, existing.email, token)).toString(), { jar });
      expect(verified.headers.get("location")).toBe(`${ORIGIN}/invite/${token}?error=INVITE_EXPIRED`);
      expect(await signedInUser(jar)).toMatchObject({ id: existing.id, role: "user" });
      expect(jar.has("invite_token")).toBe(false);
    });

    it("a verify without a callbackURL answers JSON, with the invitation's result beside it", async () => {
      const existing = await app.user();
      const { url, token } = await app.createInvite(admin, { role: "moderator", email: existing.email });
      const jar = new CookieJar();
      await app.openLink(url, jar);
      const link = await requestLink(jar, existing.email, token);
      link.searchParams.delete("callbackURL");
      expect(await app.call(link.toString(), { jar })).toMatchObject({
        status: 200,
        body: { user: { id: existing.id, role: "moderator" }, invite: { accepted: true, role: "moderator", redirectTo: WELCOME } },
      });
    });
  });

  // Better Auth's releases that do not expose shouldRequireTwoFactor: the plugin falls back on the user's flag.
  const withoutItsOwnAnswer = (plugin: ReturnType<typeof twoFactor>): BetterAuthPlugin => {
    const { shouldRequireTwoFactor: _notInOlderReleases, ...older } = plugin;
    return older;
  };
  const orders: {
    name: string;
    around: (plugin: ReturnType<typeof twoFactor>) => InstanceOptions;
    trustedDeviceAcceptsAtSignIn: boolean;
  }[] = [
    { name: "twoFactor before invite", around: (plugin) => ({ before: [plugin] }), trustedDeviceAcceptsAtSignIn: true },
    { name: "invite before twoFactor", around: (plugin) => ({ after: [plugin] }), trustedDeviceAcceptsAtSignIn: true },
    {
      name: "invite before a twoFactor that does not say whether it requires a code",
      around: (plugin) => ({ after: [withoutItsOwnAnswer(plugin)] }),
      trustedDeviceAcceptsAtSignIn: false,
    },
  ];

  describe.each(orders)("two-factor ($name)", ({ around, trustedDeviceAcceptsAtSignIn }) => {
    // One-time codes the twoFactor plugin asked to send, newest last.
    const otps: { email: string; otp: string }[] = [];
    let app: Instance;
    let admin: Person;
    beforeAll(async () => {
      const plugin = twoFactor({
        otpOptions: {
          sendOTP: async ({ user, otp }) => {
            otps.push({ email: user.email, otp });
          },
        },
      });
      app = await startInstance(database(), {}, around(plugin));
      admin = await app.user("admin");
    });

    type Enrolled = Person & { totpURI: string; backupCodes: string[] };

    /** Someone who turned TOTP on: enable with their password, then confirm with a code, as an authenticator shows it. */
    async function enrolled(): Promise<Enrolled> {
      const person = await app.user();
      const enabled = await app.call("/two-factor/enable", { body: { password: person.password }, jar: person.jar });
      const { totpURI, backupCodes } = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) }).parse(enabled.body);
      const confirmed = await app.call("/two-factor/verify-totp", { body: { code: totpCode(totpURI) }, jar: person.jar });
      expect(confirmed.status, confirmed.text).toBe(200);
      expect(await app.userRow(person.id)).toMatchObject({ twoFactorEnabled: true });
      return { ...person, totpURI, backupCodes };
    }

    /** Opens a private invitation's link in a fresh browser and signs in with the password: the first step. */
    async function firstStep(person: Enrolled, jar = new CookieJar()) {
      const { url, invitation } = await app.createInvite(admin, { role: "moderator", email: person.email });
      await app.openLink(url, jar);
      const signedIn = await app.call("/sign-in/email", { body: { email: person.email, password: person.password }, jar });
      return { jar, invitation, signedIn };
    }

    /** What must hold between the steps: nothing accepted, no session, the invitation still in the cookie. */
    async function expectWaiting(person: Enrolled, jar: CookieJar, inviteId: string) {
      expect(await app.roleOf(person.id)).toBe("user");
      expect(await app.invitation(inviteId)).toMatchObject({ useCount: 0, status: "pending" });
      expect(await app.usesOf(inviteId)).toEqual([]);
      expect(jar.has("invite_token")).toBe(true);
      expect((await app.call("/get-session", { jar })).body).toBeNull();
    }

    it("a password sign-in held for its second factor accepts nothing; the TOTP code does, and answers with the invitation's result", async () => {
      const person = await enrolled();
      const { jar, invitation, signedIn } = await firstStep(person);
      expect(signedIn).toMatchObject({ status: 200, body: { twoFactorRedirect: true } });
      expect(signedIn.body).not.toHaveProperty("invite");
      await expectWaiting(person, jar, invitation.id);

      const wrong = await app.call("/two-factor/verify-totp", { body: { code: wrongCode(totpCode(person.totpURI)) }, jar });
      expect(wrong).toMatchObject({ status: 401, body: { code: "INVALID_CODE" } });
      await expectWaiting(person, jar, invitation.id);

      const verified = await app.call("/two-factor/verify-totp", { body: { code: totpCode(person.totpURI) }, jar });
      expect(verified).toMatchObject({
        status: 200,
        body: { user: { id: person.id, role: "moderator" }, invite: { accepted: true, role: "moderator", previousRole: "user" } },
      });
      expect(await app.roleOf(person.id)).toBe("moderator");
      expect(await app.usesOf(invitation.id)).toMatchObject([{ usedByUserId: person.id, newRole: "moderator" }]);
      expect(jar.has("invite_token")).toBe(false);
      expect(session.parse((await app.call("/get-session", { jar })).body).user.role).toBe("moderator");
    });

    it("a backup code completes the sign-in, and the invitation with it", async () => {
      const person = await enrolled();
      const { jar, invitation, signedIn } = await firstStep(person);
      expect(signedIn.body).toMatchObject({ twoFactorRedirect: true });
      await expectWaiting(person, jar, invitation.id);
      const verified = await app.call("/two-factor/verify-backup-code", { body: { code: person.backupCodes[0] }, jar });
      expect(verified).toMatchObject({ status: 200, body: { invite: { accepted: true, role: "moderator" } } });
      expect(await app.roleOf(person.id)).toBe("moderator");
    });

    it("an emailed one-time code completes the sign-in, and the invitation with it", async () => {
      const person = await enrolled();
      const { jar, invitation } = await firstStep(person);
      await expectWaiting(person, jar, invitation.id);
      expect((await app.call("/two-factor/send-otp", { body: {}, jar })).status).toBe(200);
      const sent = otps.filter((entry) => entry.email === person.email).at(-1);
      const verified = await app.call("/two-factor/verify-otp", { body: { code: sent?.otp }, jar });
      expect(verified).toMatchObject({ status: 200, body: { invite: { accepted: true, role: "moderator" } } });
      expect(await app.roleOf(person.id)).toBe("moderator");
    });

    it(
      trustedDeviceAcceptsAtSignIn
        ? "a trusted device skips the second factor, and the sign-in accepts at once"
        : "a trusted device skips the second factor; not knowing so, the invitation waits in its cookie for the invite page",
      async () => {
        const person = await enrolled();
        // A first sign-in, completed with "trust this device": the jar keeps the device's cookie.
        const device = new CookieJar();
        await app.call("/sign-in/email", { body: { email: person.email, password: person.password }, jar: device });
        const trusted = await app.call("/two-factor/verify-totp", {
          body: { code: totpCode(person.totpURI), trustDevice: true },
          jar: device,
        });
        expect(trusted.status, trusted.text).toBe(200);
        expect((await app.call("/sign-out", { body: {}, jar: device })).status).toBe(200);
        expect(device.has("trust_device")).toBe(true);

        const { jar, invitation, signedIn } = await firstStep(person, device);
        expect(signedIn.status).toBe(200);
        expect(signedIn.body).not.toHaveProperty("twoFactorRedirect");
        if (trustedDeviceAcceptsAtSignIn) {
          expect(signedIn.body).toMatchObject({ user: { role: "moderator" }, invite: { accepted: true, role: "moderator" } });
          expect(await app.roleOf(person.id)).toBe("moderator");
          expect(jar.has("invite_token")).toBe(false);
        } else {
          expect(signedIn.body).not.toHaveProperty("invite");
          expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });
          expect(jar.has("invite_token")).toBe(true);
          expect((await app.accept({ ...person, jar }, app.lastTokenSentTo(person.email))).status).toBe(200);
          expect(await app.roleOf(person.id)).toBe("moderator");
        }
      },
    );

    it("a signed-in user who opened an invitation's link and turns two-factor on is not accepted by it: turning it on is not signing in", async () => {
      const person = await app.user();
      const { url, invitation } = await app.createInvite(admin, { role: "moderator", email: person.email });
      await app.openLink(url, person.jar);
      const enabled = await app.call("/two-factor/enable", { body: { password: person.password }, jar: person.jar });
      const { totpURI } = z.object({ totpURI: z.string() }).parse(enabled.body);
      const confirmed = await app.call("/two-factor/verify-totp", { body: { code: totpCode(totpURI) }, jar: person.jar });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).not.toHaveProperty("invite");
      expect(await app.userRow(person.id)).toMatchObject({ twoFactorEnabled: true, role: "user" });
      expect(await app.invitation(invitation.id)).toMatchObject({ useCount: 0 });
      const disabled = await app.call("/two-factor/disable", { body: { password: person.password }, jar: person.jar });
      expect(disabled.status).toBe(200);
      expect(await app.roleOf(person.id)).toBe("user");
    });
  });
});
