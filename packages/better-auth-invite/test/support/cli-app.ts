import { cliBaseURL, type cliAuth, type CliAuthOptions } from "./cli-auth";

/*
 * What proves a schema usable: the plugin's own story over HTTP, on the database built from it. An admin creates a
 * two-use invitation; a new account signs up and accepts it, and gets the role; the same account accepting again is
 * refused (INVITE_ALREADY_ACCEPTED), which only the unique index on inviteUse (inviteId, usedByUserId) can do:
 * accept looks for no earlier use, so without the index the second accept would take the second use.
 */

type Auth = ReturnType<typeof cliAuth>;

export type Sent = { status: number; body: Record<string, unknown>; cookie: string };

export async function send(auth: Auth, path: string, body?: unknown, cookie = ""): Promise<Sent> {
  const response = await auth.handler(
    new Request(`${cliBaseURL}/api/auth${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", origin: cliBaseURL, ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : {};
  const session = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .filter((pair) => pair.startsWith("better-auth.session_token="))
    .join("; ");
  return { status: response.status, body: typeof parsed === "object" && parsed !== null ? { ...parsed } : {}, cookie: session || cookie };
}

export type AcceptStory = {
  created: Sent;
  accepted: Sent;
  acceptedAgain: Sent;
  role: string | null | undefined;
  uses: number;
  useCount: unknown;
};

export async function createAndAccept(auth: Auth): Promise<AcceptStory> {
  const tag = Math.random().toString(36).slice(2, 10);
  const password = "cli-schema-password";
  const adminEmail = `admin-${tag}@example.com`;
  await auth.api.createUser({ body: { email: adminEmail, password, name: "Admin", role: "admin" } });
  const admin = await send(auth, "/sign-in/email", { email: adminEmail, password });
  if (admin.status !== 200) throw new Error(`admin sign-in: ${admin.status} ${JSON.stringify(admin.body)}`);
  const created = await send(auth, "/invite/create", { role: "admin", maxUses: 2 }, admin.cookie);
  const token = created.body.token;

  const invitee = await send(auth, "/sign-up/email", { email: `invitee-${tag}@example.com`, password, name: "Invitee" });
  if (invitee.status !== 200) throw new Error(`sign-up: ${invitee.status} ${JSON.stringify(invitee.body)}`);
  const accepted = await send(auth, "/invite/accept", { token }, invitee.cookie);
  const acceptedAgain = await send(auth, "/invite/accept", { token }, invitee.cookie);

  const ctx = await auth.$context;
  const userId = String(read(invitee.body, "user", "id"));
  const row = await ctx.adapter.findOne<{ role?: string | null }>({ model: "user", where: [{ field: "id", value: userId }] });
  const invitationId = String(read(created.body, "invitation", "id"));
  const uses = await ctx.adapter.count({ model: "inviteUse", where: [{ field: "inviteId", value: invitationId }] });
  const invitation = await ctx.adapter.findOne<{ useCount: unknown }>({ model: "invite", where: [{ field: "id", value: invitationId }] });
  return { created, accepted, acceptedAgain, role: row?.role, uses, useCount: invitation?.useCount };
}

/** A value inside a JSON answer, or undefined. */
export function read(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = Object.entries(current).find(([name]) => name === key)?.[1];
  }
  return current;
}

/** The rows of the plugin's three tables: what the start-up check must leave as it found them. */
export async function pluginRows(auth: Auth): Promise<{ invite: number; inviteUse: number; inviteEvent: number }> {
  const ctx = await auth.$context;
  const [invite, inviteUse, inviteEvent] = await Promise.all(
    (["invite", "inviteUse", "inviteEvent"] as const).map((model) => ctx.adapter.count({ model })),
  );
  return { invite: invite ?? 0, inviteUse: inviteUse ?? 0, inviteEvent: inviteEvent ?? 0 };
}

/** The first request an app serves: it goes through every before hook, the plugin's start-up check among them. */
export async function firstRequest(auth: Auth): Promise<Response> {
  return auth.handler(new Request(`${cliBaseURL}/api/auth/ok`));
}

/** A Better Auth logger that keeps what it is given, to read what the plugin said. */
export function logInto(lines: { level: string; message: string }[]): CliAuthOptions["logger"] {
  return { level: "debug", log: (level, message) => void lines.push({ level, message }) };
}
