// A Better Auth instance with the admin plugin and the invite plugin, on one target's database, driven over HTTP.
import { type BetterAuthOptions, type BetterAuthPlugin, betterAuth } from "better-auth";
import { expect } from "vitest";
import { z } from "zod";
import { invite } from "../../src/index";
import type { Invitation, InviteEvent, InviteOptions, InviteUse, InviteUser, SendUserInvitationInput } from "../../src/index";
import { adminPlugin, fastPasswords, type Role } from "./auth-options";
import { answer, type Answer, type Call, CookieJar, requester } from "./http";
import type { OpenDatabase } from "./targets";

export const ORIGIN = "http://localhost:3000";
const SECRET = "invite-kit-plugin-suite-secret-0123456789abcdef";

/** An invitation as create, cancel, reject, resend and list answer it (dates are JSON strings). */
export const invitationAnswer = z.looseObject({
  id: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  tokenType: z.string(),
  status: z.string(),
  displayStatus: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  maxUses: z.number().nullable(),
  useCount: z.number(),
  usesLeft: z.number().nullable(),
  isPrivate: z.boolean(),
  newAccount: z.boolean(),
  createdByUserId: z.string(),
  redirectToAfterUpgrade: z.string().nullable(),
});

export const createdAnswer = z.object({ token: z.string(), url: z.string(), invitation: invitationAnswer });
export type CreatedInvite = z.infer<typeof createdAnswer>;

/** Someone with an account, signed in: their jar holds the session cookie. */
export type Person = { id: string; email: string; password: string; name: string; role: Role; jar: CookieJar };

let people = 0;
/** An address no other test uses: tests share a database per file and must not see each other's rows. */
export function uniqueEmail(label: string): string {
  people += 1;
  return `${label}-${people}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * Better Auth's options a story may set on its instance: its rate limiter, and other plugins around the invite plugin
 * (genericOAuth, magicLink, twoFactor…): after-hooks run in plugin order, which some tests turn around.
 */
export type InstanceOptions = Pick<BetterAuthOptions, "rateLimit"> & { before?: BetterAuthPlugin[]; after?: BetterAuthPlugin[] };

export async function startInstance(open: OpenDatabase, inviteOptions: InviteOptions = {}, instanceOptions: InstanceOptions = {}) {
  const { before = [], after = [], ...authOptions } = instanceOptions;
  // What the plugin asked to send, newest last: the tests read tokens from here as an invitee reads their inbox.
  const outbox: SendUserInvitationInput[] = [];
  // What Better Auth and the plugin logged, oldest first, still printed as Better Auth would: a test can read what was logged.
  const logged: { level: string; message: string }[] = [];
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: SECRET,
    database: open.database,
    logger: {
      log: (level, message, ...args) => {
        logged.push({ level, message });
        (level === "error" ? console.error : console.warn)(`[Better Auth] ${message}`, ...args);
      },
    },
    emailAndPassword: { enabled: true, autoSignIn: true, password: fastPasswords },
    ...authOptions,
    plugins: [
      adminPlugin(),
      ...before,
      invite({
        sendUserInvitation: async (input) => {
          outbox.push(input);
        },
        ...inviteOptions,
      }),
      ...after,
    ],
  });
  const context = await auth.$context;
  const adapter = context.adapter;
  const send = requester((incoming) => auth.handler(incoming), ORIGIN);

  /** A request and its answer, read at once. */
  async function call(path: string, options: Call = {}): Promise<Answer> {
    return answer(await send(path, options));
  }

  /** Creates an account the way an admin tool does (server code, no request), then signs it in over HTTP. */
  async function user(role: Role = "user", options: { email?: string; emailVerified?: boolean; name?: string } = {}): Promise<Person> {
    const email = options.email ?? uniqueEmail(role);
    const password = "suite-password-123";
    const name = options.name ?? `Suite ${role}`;
    const created = await auth.api.createUser({
      body: { email, password, name, role, data: { emailVerified: options.emailVerified ?? true } },
    });
    const jar = new CookieJar();
    const signedIn = await call("/sign-in/email", { body: { email, password }, jar });
    expect(signedIn.status, signedIn.text).toBe(200);
    return { id: created.user.id, email, password, name, role, jar };
  }

  /** Creates an invitation over HTTP as `by`, and fails the test at once if it is refused. */
  async function createInvite(by: Person, body: Record<string, unknown>): Promise<CreatedInvite> {
    const created = await call("/invite/create", { body, jar: by.jar });
    expect(created.status, created.text).toBe(200);
    return createdAnswer.parse(created.body);
  }

  const accept = (by: Person | null, token: string) => call("/invite/accept", { body: { token }, jar: by?.jar ?? null });
  const lookUp = (token: string, by: Person | null = null) =>
    call(`/invite/get?token=${encodeURIComponent(token)}`, { jar: by?.jar ?? null });

  /** Opens an emailed link as a browser does: the answer's cookie goes into the jar. */
  const openLink = (url: string, jar: CookieJar) => send(url, { jar });

  // The database as the adapter reads it: every target's tables, through the same code the plugin writes with.
  const byId = (id: string) => [{ field: "id", value: id }];
  const invitation = async (id: string) => adapter.findOne<Invitation>({ model: "invite", where: byId(id) });
  const usesOf = async (inviteId: string) =>
    adapter.findMany<InviteUse>({ model: "inviteUse", where: [{ field: "inviteId", value: inviteId }] });
  const eventsOf = async (inviteId: string) =>
    adapter.findMany<InviteEvent>({ model: "inviteEvent", where: [{ field: "inviteId", value: inviteId }] });
  const userRow = async (id: string) => adapter.findOne<InviteUser>({ model: "user", where: byId(id) });
  const roleOf = async (id: string) => (await userRow(id))?.role ?? null;
  const findUserByEmail = async (email: string) =>
    adapter.findOne<InviteUser>({ model: "user", where: [{ field: "email", value: email }] });
  /** Moves an invitation's expiry into the past, as time would. */
  const expire = async (id: string) => {
    await adapter.update({ model: "invite", where: byId(id), update: { expiresAt: new Date(Date.now() - 1000) } });
  };
  /**
   * Lets go of a private invitation's address while keeping it live, as the end of an invitation does, so that a
   * test can hold several invitations to one address (one address holds one live invitation at a time).
   */
  const releaseAddress = async (id: string) => {
    await adapter.update({ model: "invite", where: byId(id), update: { activeEmail: null } });
  };

  /** The token of the newest email sent to `email`. */
  function lastTokenSentTo(email: string): string {
    const sent = outbox.filter((input) => input.email === email).at(-1);
    expect(sent, `an email to ${email}`).toBeDefined();
    return sent?.token ?? "";
  }

  return {
    auth,
    adapter,
    outbox,
    logged,
    send,
    call,
    user,
    createInvite,
    accept,
    lookUp,
    openLink,
    invitation,
    usesOf,
    eventsOf,
    roleOf,
    userRow,
    findUserByEmail,
    expire,
    releaseAddress,
    lastTokenSentTo,
  };
}

export type Instance = Awaited<ReturnType<typeof startInstance>>;

/** The hex SHA-256 a token is stored as (link tokens are hashed as they are). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("hex");
}
