import { actionId, Client, nextAddress, uniqueEmail } from "./support/client";
import { expect, test } from "./support/fixtures";
import { seededAdmin, type Server } from "./support/server";

/*
 * Bad input on every endpoint and every server action: malformed JSON, arrays,
 * wrong content types, 3 MB bodies, 100 kB strings, CRLF in emails, NUL bytes,
 * lone surrogates, SQL- and NoSQL-looking values. The API answers a 4xx with an
 * error code; an action answers with a readable error; nothing answers a 5xx or
 * shows a stack trace, and the database keeps what it held.
 */

// ---------------------------------------------------------------- the inputs

const BIG_STRING = "x".repeat(100_000);
const THREE_MB = "x".repeat(3 * 1024 * 1024);

/** Text no field of this app should take. */
const hostileStrings: { label: string; value: string }[] = [
  { label: "a NUL byte", value: "nul\u0000byte" },
  { label: "a lone surrogate", value: "lone\ud800surrogate" },
  { label: "a 100 kB string", value: BIG_STRING },
  { label: "CRLF in an email address", value: "victim@example.com\r\nBcc: attacker@example.com" },
];

/** Text that looks like an injection: legitimate data in a free-text field (a name), refused where a format is expected. */
const injectionStrings: { label: string; value: string }[] = [
  { label: "SQL-looking text", value: `' OR '1'='1' --` },
  { label: "a SQL statement", value: `x'; DROP TABLE "invite"; --` },
  { label: "NoSQL-looking text", value: `{"$ne": null}` },
];

/** Values of the wrong type where a string is expected. */
const hostileValues: { label: string; value: unknown }[] = [
  { label: "a NoSQL operator object", value: { $ne: null } },
  { label: "an array", value: ["a", "b"] },
  { label: "a number", value: 1 },
  { label: "null", value: null },
  { label: "a deeply nested object", value: { a: { b: { c: { d: [[[]]] } } } } },
];

// ---------------------------------------------------------------- what must hold

/** What an answer must never show: a stack trace, paths on the server, SQL or driver errors. */
const leaks = [
  /\n\s+at /,
  /\/work\//,
  /node_modules/,
  /\.next\/server/,
  /postgres/i,
  /pglite/i,
  /syntax error at/i,
  /invalid byte sequence/i,
  /relation "/i,
  /violates/i,
  /duplicate key/i,
  /SQLSTATE|22021|\b23505\b/,
];

function expectNoLeak(text: string, what: string) {
  for (const leak of leaks) expect(text, `${what} leaks ${leak}`).not.toMatch(leak);
}

/** An API answer to bad input: a 4xx that is not a rate limit, JSON with a code, nothing internal. */
async function expectRefused(response: Response, what: string) {
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.status, `${what} was rate-limited: the test must give it an address of its own`).not.toBe(429);
  expect(response.headers.get("content-type") ?? "", `${what}: ${text.slice(0, 300)}`).toMatch(/application\/json/);
  const body = JSON.parse(text) as { code?: unknown };
  expect(typeof body.code, `${what}: ${text.slice(0, 300)}`).toBe("string");
  expectNoLeak(text, what);
}

/** Answers where success is also right (a name may look like SQL): never a 5xx, never a leak, and a refusal carries a code. */
async function expectHandled(response: Response, what: string): Promise<unknown> {
  if (response.status >= 400) {
    await expectRefused(response, what);
    return undefined;
  }
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(400);
  expectNoLeak(text, what);
  return text ? JSON.parse(text) : undefined;
}

// ---------------------------------------------------------------- who sends it

let server: Server;
let adminCookies: Map<string, string>;
/** A shareable invitation made before the bad input: it must come through untouched and still work. */
let known: { token: string; id: string };
let outputBefore = 0;

/** A client with the admin's session, from an address of its own, so every request has fresh rate-limit buckets. */
function asAdmin(): Client {
  const client = new Client(server.url);
  for (const [name, value] of adminCookies) client.cookies.set(name, value);
  return client;
}

function anonymous(): Client {
  return new Client(server.url);
}

test.beforeAll(async ({ server: started }) => {
  server = started;
  outputBefore = server.output().length;
  const admin = new Client(server.url);
  await admin.signIn(seededAdmin);
  adminCookies = new Map(admin.cookies);
  const response = await asAdmin().api("/invite/create", { body: { role: "moderator", maxUses: 5 } });
  expect(response.status).toBe(200);
  const created = (await response.json()) as { token: string; invitation: { id: string } };
  known = { token: created.token, id: created.invitation.id };
});

// ---------------------------------------------------------------- the API

type Endpoint = {
  path: string;
  /** Signed in as the admin, so that validation, not the session check, is what answers. */
  signedIn: boolean;
  /** A body that passes validation (a fresh one each call: sign-up needs a new address). */
  body: () => Record<string, unknown>;
  /** Fields that take text. */
  fields: string[];
  /** Fields where injection-looking text is legitimate data (it may be stored, literally). */
  freeText?: string[];
  /** Fields never stored or shown as sent (a password is hashed): any text is fine, as long as it is handled. */
  opaque?: string[];
  /** Also takes application/x-www-form-urlencoded, as Better Auth's sign-in and sign-up do for plain HTML forms. */
  takesForms?: boolean;
};

const endpoints: Endpoint[] = [
  { path: "/invite/create", signedIn: true, body: () => ({ role: "user" }), fields: ["role", "email", "redirectToAfterUpgrade"] },
  { path: "/invite/accept", signedIn: true, body: () => ({ token: "no-such-token" }), fields: ["token"] },
  { path: "/invite/activate", signedIn: true, body: () => ({ token: "no-such-token" }), fields: ["token", "callbackURL"] },
  { path: "/invite/reject", signedIn: true, body: () => ({ token: "no-such-token" }), fields: ["token"] },
  { path: "/invite/cancel", signedIn: true, body: () => ({ id: "no-such-id" }), fields: ["id"] },
  { path: "/invite/resend", signedIn: true, body: () => ({ id: "no-such-id" }), fields: ["id"] },
  {
    path: "/sign-in/email",
    signedIn: false,
    // A new address each call: every password tried at one counts against its budget (lib/rate-limit/sign-in.ts).
    body: () => ({ email: uniqueEmail("nobody"), password: "not-the-password" }),
    fields: ["email", "password", "callbackURL"],
    opaque: ["password"],
    takesForms: true,
  },
  {
    path: "/sign-up/email",
    signedIn: false,
    body: () => ({ name: "Bad Input", email: uniqueEmail("bad-input"), password: "a-long-enough-password" }),
    fields: ["name", "email", "password", "image", "callbackURL"],
    freeText: ["name"],
    opaque: ["password"],
    takesForms: true,
  },
];

function sender(endpoint: Endpoint): Client {
  return endpoint.signedIn ? asAdmin() : anonymous();
}

for (const endpoint of endpoints) {
  test.describe(`POST /api/auth${endpoint.path}`, () => {
    for (const { label, value } of hostileStrings) {
      test(`${label} in any field is a 4xx with a code`, async () => {
        for (const field of endpoint.fields) {
          const response = await sender(endpoint).api(endpoint.path, { body: { ...endpoint.body(), [field]: value } });
          if (endpoint.opaque?.includes(field)) await expectHandled(response, `${endpoint.path} ${field}=${label}`);
          else await expectRefused(response, `${endpoint.path} ${field}=${label}`);
        }
      });
    }

    for (const { label, value } of injectionStrings) {
      test(`${label} in any field is refused, or kept literally in free text`, async () => {
        for (const field of endpoint.fields) {
          const response = await sender(endpoint).api(endpoint.path, { body: { ...endpoint.body(), [field]: value } });
          if (!endpoint.freeText?.includes(field) && !endpoint.opaque?.includes(field)) {
            await expectRefused(response, `${endpoint.path} ${field}=${label}`);
            continue;
          }
          const answer = (await expectHandled(response, `${endpoint.path} ${field}=${label}`)) as { user?: { name?: string } } | undefined;
          if (field === "name" && answer?.user) expect(answer.user.name).toBe(value);
        }
      });
    }

    for (const { label, value } of hostileValues) {
      test(`${label} in place of any text field is a 4xx with a code`, async () => {
        for (const field of endpoint.fields) {
          const response = await sender(endpoint).api(endpoint.path, { body: { ...endpoint.body(), [field]: value } });
          await expectRefused(response, `${endpoint.path} ${field}=${label}`);
        }
      });
    }

    // A server may answer a large body before reading it all and close the connection: those requests go on a connection of their own.
    const shapes: { label: string; body: () => string | Uint8Array; contentType?: string; large?: boolean }[] = [
      { label: "malformed JSON", body: () => JSON.stringify(endpoint.body()).slice(0, -3), contentType: "application/json" },
      { label: "an empty JSON body", body: () => "", contentType: "application/json" },
      { label: "a JSON array", body: () => JSON.stringify([endpoint.body()]), contentType: "application/json" },
      { label: "a JSON string", body: () => JSON.stringify("token"), contentType: "application/json" },
      { label: "JSON null", body: () => "null", contentType: "application/json" },
      { label: "a JSON number", body: () => "42", contentType: "application/json" },
      {
        label: "invalid UTF-8",
        body: () => new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
        contentType: "application/json",
      },
      { label: "a text/plain body", body: () => JSON.stringify(endpoint.body()), contentType: "text/plain" },
      {
        label: "a multipart body",
        body: () => '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc\r\n--x--\r\n',
        contentType: "multipart/form-data; boundary=x",
      },
      { label: "an XML body", body: () => "<token>abc</token>", contentType: "application/xml" },
      { label: "no content type", body: () => JSON.stringify(endpoint.body()) },
      {
        label: "a 3 MB JSON body",
        body: () => JSON.stringify({ ...endpoint.body(), padding: THREE_MB }),
        contentType: "application/json",
        large: true,
      },
      {
        label: "a 3 MB string in a field",
        body: () => JSON.stringify({ ...endpoint.body(), [endpoint.fields[0]!]: THREE_MB }),
        contentType: "application/json",
        large: true,
      },
    ];
    if (!endpoint.takesForms) {
      shapes.push({
        label: "a form-urlencoded body",
        body: () => new URLSearchParams(endpoint.body() as Record<string, string>).toString(),
        contentType: "application/x-www-form-urlencoded",
      });
    }

    for (const shape of shapes) {
      test(`${shape.label} is a 4xx with a code`, async () => {
        const headers: Record<string, string> = {
          ...(shape.contentType ? { "content-type": shape.contentType } : {}),
          ...(shape.large ? { connection: "close" } : {}),
        };
        const response = await sender(endpoint).api(endpoint.path, { method: "POST", body: shape.body(), headers });
        await expectRefused(response, `${endpoint.path} with ${shape.label}`);
      });
    }

    test("a __proto__ key grants nothing: refused, or ignored", async () => {
      const body = `{"__proto__":{"role":"admin","isAdmin":true},"role":"admin",${JSON.stringify(endpoint.body()).slice(1)}`;
      const response = await sender(endpoint).api(endpoint.path, { method: "POST", body, headers: { "content-type": "application/json" } });
      const answer = (await expectHandled(response, `${endpoint.path} with __proto__`)) as { user?: { role?: string } } | undefined;
      // Sign-up takes extra keys and drops those it does not know: the new account is still a plain user.
      if (answer?.user) expect(answer.user.role).toBe("user");
    });
  });
}

test("a 3 MB body streamed without a Content-Length is a 4xx with a code", async () => {
  // A valid sign-up but for its size: without a limit counted as the bytes arrive, it would make an account.
  const encoder = new TextEncoder();
  const head = encoder.encode(`{"name":"Streamed","email":"${uniqueEmail("streamed")}","password":"a-long-enough-password","padding":"`);
  const chunk = encoder.encode("x".repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(head);
      else if (sent <= 48) controller.enqueue(chunk);
      else {
        controller.enqueue(encoder.encode(`"}`));
        controller.close();
      }
      sent += 1;
    },
  });
  const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    body: stream,
    // @ts-expect-error: Node's fetch needs `duplex` for a streamed body; the DOM types do not know it.
    duplex: "half",
    headers: {
      "content-type": "application/json",
      // The server stops reading at the limit and closes this connection: none other must share it.
      connection: "close",
      origin: server.url,
      "x-forwarded-for": nextAddress(),
    },
  });
  await expectRefused(response, "a streamed 3 MB body");
});

// ---------------------------------------------------------------- hostile query strings and paths

const hostileQueries: { label: string; query: string }[] = [
  { label: "a huge value", query: `token=${"x".repeat(8_000)}` },
  { label: "a NUL byte", query: "token=a%00b" },
  { label: "a raw NUL byte", query: "token=a\u0000b" },
  { label: "malformed percent-encoding", query: "token=%E0%A4%A" },
  { label: "an encoded lone surrogate", query: "token=%ED%A0%80" },
  { label: "an array", query: "token[]=a&token[]=b" },
  { label: "a repeated key", query: "token=a&token=b" },
  { label: "a NoSQL operator", query: "token[$ne]=x" },
  { label: "SQL-looking text", query: `token=${encodeURIComponent("' OR '1'='1' --")}` },
  { label: "CRLF", query: "token=a%0D%0ASet-Cookie:%20x=y" },
];

test.describe("GET /api/auth/invite/get", () => {
  for (const { label, query } of hostileQueries) {
    test(`${label} in the query is a 4xx with a code`, async () => {
      await expectRefused(await anonymous().api(`/invite/get?${query}`), `/invite/get?${label}`);
      await expectRefused(await asAdmin().api(`/invite/get?${query}`), `/invite/get?${label} as the admin`);
    });
  }
});

test.describe("GET /api/auth/invite/list", () => {
  const listQueries = ["role", "email", "status", "limit", "offset"].flatMap((key) =>
    hostileQueries.map(({ label, query }) => ({ label: `${label} in ${key}`, query: query.replaceAll("token", key) })),
  );
  for (const { label, query } of listQueries) {
    test(`${label} is a 4xx with a code, or is read as plain text (no match) or an unknown key (ignored)`, async () => {
      const everything = await asAdmin().invitationCount();
      const response = await asAdmin().api(`/invite/list?${query}&withTotal=true`);
      const answer = (await expectHandled(response, `/invite/list?${label}`)) as { total?: number } | undefined;
      // `role[$ne]=x` is the key "role[$ne]", which the list does not know: everything, unfiltered. Never some other subset.
      if (answer) expect([0, everything], label).toContain(answer.total);
    });
  }
});

// Next.js's route matcher throws on a segment that cannot be decoded (/invite/%E0%A4%A) and answers 500:
// proxy.ts answers 400 INVALID_PATH first (lib/http/page-request.ts).
const hostileSegments: { label: string; segment: string }[] = [
  { label: "a NUL byte", segment: "a%00b" },
  { label: "malformed percent-encoding", segment: "%E0%A4%A" },
  { label: "an encoded lone surrogate", segment: "%ED%A0%80" },
  { label: "CRLF", segment: "a%0D%0ASet-Cookie:%20x=y" },
  { label: "a 600-character token", segment: "x".repeat(600) },
  { label: "an 8 kB token", segment: "x".repeat(8_000) },
  { label: "SQL-looking text", segment: encodeURIComponent("' OR '1'='1' --") },
  { label: "a NoSQL operator", segment: encodeURIComponent('{"$ne":null}') },
  { label: "an encoded slash and dots", segment: "..%2F..%2Fetc%2Fpasswd" },
  { label: "an encoded backslash", segment: "%5C%5Cevil.example" },
];

test.describe("GET /api/auth/invite/<token> (the emailed link)", () => {
  for (const { label, segment } of hostileSegments) {
    test(`${label} redirects to the app's own accept page, or is a 4xx with a code`, async () => {
      const response = await anonymous().api(`/invite/${segment}`);
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get("location") ?? "", server.url);
        expect(location.origin, label).toBe(new URL(server.url).origin);
        expect(location.pathname, label).toMatch(/^\/invite\/[^/]+$/);
        expect(response.headers.get("set-cookie") ?? "", label).not.toMatch(/x=y/);
      } else {
        await expectRefused(response, `/invite/${label}`);
      }
    });
  }
});

/** A page answer: a normal page or a 4xx, never a 5xx, never internals. */
async function expectPage(response: Response, what: string) {
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expectNoLeak(text.replace(/<script[\s\S]*?<\/script>/g, ""), what);
}

test.describe("pages with hostile paths and query strings", () => {
  for (const { label, segment } of hostileSegments) {
    test(`/invite/<${label}> is a page or a 4xx`, async () => {
      await expectPage(await anonymous().send(`/invite/${segment}`), `/invite/${label}`);
      await expectPage(await asAdmin().send(`/invite/${segment}`), `/invite/${label} as the admin`);
    });
  }

  for (const { label, query } of hostileQueries) {
    test(`${label} in the query of the sign-in, sign-up and invitations pages is a page or a 4xx`, async () => {
      for (const key of ["next", "page", "status"]) {
        const q = query.replaceAll("token", key);
        await expectPage(await anonymous().send(`/sign-in?${q}`), `/sign-in?${label} in ${key}`);
        await expectPage(await anonymous().send(`/sign-up?${q}`), `/sign-up?${label} in ${key}`);
        await expectPage(await asAdmin().send(`/dashboard/invites?${q}`), `/dashboard/invites?${label} in ${key}`);
      }
      const next = `/invite/${query.split("=").slice(1).join("=")}`;
      await expectPage(await anonymous().send(`/sign-up?next=${encodeURIComponent(next)}`), `/sign-up?next=/invite/${label}`);
      await expectPage(await anonymous().send(`/sign-in?next=${encodeURIComponent(next)}`), `/sign-in?next=/invite/${label}`);
    });
  }
});

// ---------------------------------------------------------------- server actions

type Action = {
  name: string;
  page: string;
  signedIn: boolean;
  fields: () => Record<string, string>;
  /** The argument list React sends (part "0"); "$K1" is the FormData. */
  args?: string;
  /** What a refusal looks like: a FormState with an error, or (for actions that return nothing) a redirect. */
  answers: "state" | "redirect";
};

const actions: Action[] = [
  {
    name: "createInviteAction",
    page: "/dashboard/invites",
    signedIn: true,
    fields: () => ({ audience: "anyone", email: "", role: "user", expiresIn: "", maxUses: "1", tokenType: "token" }),
    answers: "state",
  },
  {
    name: "bulkInviteAction",
    page: "/dashboard/invites",
    signedIn: true,
    fields: () => ({ emails: "bad-input@example.com", role: "user" }),
    answers: "state",
  },
  // The Users page's one action (lib/actions/users.ts), which picks ban, unban, role or remove by its intent.
  {
    name: "manageUserAction",
    page: "/dashboard/users",
    signedIn: true,
    fields: () => ({ intent: "ban", userId: "no-such-user", reason: "bad input" }),
    answers: "state",
  },
  { name: "cancelInviteAction", page: "/dashboard/invites", signedIn: true, fields: () => ({ id: "no-such-id" }), answers: "state" },
  { name: "resendInviteAction", page: "/dashboard/invites", signedIn: true, fields: () => ({ id: "no-such-id" }), answers: "state" },
  {
    name: "bulkManageInvitesAction",
    page: "/dashboard/invites",
    signedIn: true,
    fields: () => ({ intent: "revoke", ids: "no-such-id" }),
    answers: "state",
  },
  { name: "restoreInvitesAction", page: "/dashboard/invites", signedIn: true, fields: () => ({ ids: "no-such-id" }), answers: "state" },
  {
    name: "acceptInviteAction",
    page: "/invite/no-such-token",
    signedIn: true,
    fields: () => ({ token: "no-such-token" }),
    answers: "state",
  },
  {
    name: "declineInviteAction",
    page: "/invite/no-such-token",
    signedIn: true,
    fields: () => ({ token: "no-such-token" }),
    answers: "state",
  },
  { name: "openInviteCodeAction", page: "/invite", signedIn: false, fields: () => ({ code: "no-such-code" }), answers: "state" },
  {
    name: "signInAction",
    page: "/sign-in",
    signedIn: false,
    fields: () => ({ email: "nobody@example.com", password: "not-the-password", next: "/dashboard" }),
    answers: "state",
  },
  {
    name: "signUpAction",
    page: "/sign-up",
    signedIn: false,
    fields: () => ({ name: "Bad Input", email: "not-an-address", password: "a-long-enough-password", next: "/dashboard" }),
    answers: "state",
  },
  {
    // No provider is configured on the suite's server: every form is refused in words, none reaches Better Auth.
    name: "socialSignInAction",
    page: "/sign-in",
    signedIn: false,
    fields: () => ({ provider: "github", from: "sign-in", next: "/invite/no-such-token" }),
    answers: "state",
  },
  { name: "resendVerificationAction", page: "/dashboard", signedIn: true, fields: () => ({ next: "/dashboard" }), answers: "state" },
  {
    name: "sendMagicLinkAction",
    page: "/sign-in",
    signedIn: false,
    fields: () => ({ email: "bad-input@example.com", name: "Bad Input", next: "/dashboard" }),
    answers: "state",
  },
  // Without the two_factor cookie of a password step: refused in words.
  {
    name: "secondFactorAction",
    page: "/sign-in",
    signedIn: false,
    fields: () => ({ code: "123456", next: "/dashboard" }),
    answers: "state",
  },
  {
    name: "enableTwoFactorAction",
    page: "/dashboard/security",
    signedIn: true,
    fields: () => ({ password: "not-the-password" }),
    answers: "state",
  },
  { name: "confirmTwoFactorAction", page: "/dashboard/security", signedIn: true, fields: () => ({ code: "123456" }), answers: "state" },
  {
    name: "disableTwoFactorAction",
    page: "/dashboard/security",
    signedIn: true,
    fields: () => ({ password: "not-the-password" }),
    answers: "state",
  },
  {
    name: "signOutAction",
    page: "/dashboard",
    signedIn: false,
    fields: () => ({ next: "/dashboard" }),
    args: '["$K1"]',
    answers: "redirect",
  },
  {
    name: "signInAsDemoAction",
    page: "/sign-in",
    signedIn: false,
    fields: () => ({ email: "demo@example.com", next: "/dashboard" }),
    args: '["$K1"]',
    answers: "redirect",
  },
];

/** An action's answer to bad input: never a 5xx, never internals; a readable error state, a redirect or a 4xx. */
async function expectActionRefused(response: Response, action: Action, what: string) {
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expectNoLeak(text, what);
  if (response.status >= 400) return;
  if (action.answers === "redirect") {
    // Next answers an action called by fetch that redirects with the target in x-action-redirect (a 303 without JavaScript).
    const target = response.headers.get("x-action-redirect") ?? response.headers.get("location");
    expect(target, `${what} did not redirect: ${text.slice(0, 300)}`).toBeTruthy();
    expect(target!, what).toMatch(/^\/(?!\/)/);
    return;
  }
  // A refusal in the form's own words: the FormState's message or its field errors (or a success that changed nothing, as for resend-verification).
  expect(text, `${what}: ${text.slice(0, 300)}`).toMatch(/"status":"(error|success)"/);
  expect(text, `${what}: ${text.slice(0, 300)}`).toMatch(/"message":"[^"]+"|"fieldErrors":\{"[^"]+":\["[^"]+"/);
}

function actionSender(action: Action): Client {
  return action.signedIn ? asAdmin() : anonymous();
}

/** Sends an action's form with `fields`, React's way, or with a raw body for payloads React would never send. */
function sendAction(action: Action, fields: Record<string, string | string[]>) {
  return actionSender(action).action(action.page, action.name, fields, {}, action.args);
}

for (const action of actions) {
  test.describe(`server action ${action.name}`, () => {
    for (const { label, value } of [...hostileStrings, ...injectionStrings]) {
      test(`${label} in any field gets a readable refusal, never a 5xx`, async () => {
        for (const field of Object.keys(action.fields())) {
          const response = await sendAction(action, { ...action.fields(), [field]: value });
          await expectActionRefused(response, action, `${action.name} ${field}=${label}`);
        }
      });
    }

    test("repeated and missing fields get a readable refusal, never a 5xx", async () => {
      for (const field of Object.keys(action.fields())) {
        const repeated = await sendAction(action, { ...action.fields(), [field]: ["a\u0000", "b", "c"] });
        await expectActionRefused(repeated, action, `${action.name} ${field} repeated`);
        const { [field]: _dropped, ...rest } = action.fields();
        const missing = await sendAction(action, rest);
        await expectActionRefused(missing, action, `${action.name} without ${field}`);
      }
    });
  });
}

test.describe("server action payloads React would never send", () => {
  const target = actions[0]!; // createInviteAction, as the admin: the action with the most to lose
  const raw = (body: BodyInit, headers: Record<string, string> = {}) =>
    asAdmin().send(target.page, {
      method: "POST",
      body: body as string,
      headers: { "next-action": actionId(target.name), accept: "text/x-component", ...headers },
    });

  const multipart = (parts: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(parts)) form.append(name, value);
    return form;
  };

  // Next.js decodes the body (busboy, then React's decodeReply) before it calls the action, and answers 500 when
  // that throws: proxy.ts reads the argument list first and answers 400 INVALID_ACTION_REQUEST or 413 (lib/http/page-request.ts).
  const payloads: { label: string; send: () => Promise<Response> }[] = [
    { label: "an argument list that is not JSON", send: () => raw(multipart({ _1_role: "user", 0: "[{" })) },
    { label: "no argument list", send: () => raw(multipart({ _1_role: "user" })) },
    { label: "an argument list that is an object", send: () => raw(multipart({ _1_role: "user", 0: '{"a":1}' })) },
    { label: "a number where the FormData goes", send: () => raw(multipart({ 0: '[{"status":"idle"},42]' })) },
    { label: "a string where the FormData goes", send: () => raw(multipart({ 0: '[{"status":"idle"},"role=admin"]' })) },
    { label: "null where the FormData goes", send: () => raw(multipart({ 0: '[{"status":"idle"},null]' })) },
    { label: "no FormData at all", send: () => raw(multipart({ 0: "[]" })) },
    { label: "a reference to a part that is not there", send: () => raw(multipart({ 0: '[{"status":"idle"},"$K9"]' })) },
    {
      label: "a reference through __proto__",
      send: () => raw(multipart({ 0: '[{"status":"idle"},"$1:__proto__:constructor"]', 1: "{}" })),
    },
    { label: "a text/plain body", send: () => raw('[{"status":"idle"},{}]', { "content-type": "text/plain" }) },
    { label: "malformed JSON as the whole body", send: () => raw('[{"status":', { "content-type": "application/json" }) },
    { label: "a url-encoded body", send: () => raw("role=admin&maxUses=5", { "content-type": "application/x-www-form-urlencoded" }) },
    { label: "a multipart body without a boundary", send: () => raw("--x\r\n\r\n", { "content-type": "multipart/form-data" }) },
    {
      label: "a 3 MB field",
      send: () => raw(multipart({ _1_role: "user", _1_email: THREE_MB, 0: '[{"status":"idle"},"$K1"]' }), { connection: "close" }),
    },
    {
      label: "an unknown action id",
      send: () =>
        asAdmin().send(target.page, {
          method: "POST",
          body: multipart({ 0: "[]" }),
          headers: { "next-action": "00".repeat(21), accept: "text/x-component" },
        }),
    },
    {
      label: "an action id that looks like SQL",
      send: () =>
        asAdmin().send(target.page, {
          method: "POST",
          body: multipart({ 0: "[]" }),
          headers: { "next-action": "' OR '1'='1", accept: "text/x-component" },
        }),
    },
  ];

  for (const { label, send } of payloads) {
    test(`${label} is not a 5xx and shows no internals`, async () => {
      const before = await asAdmin().invitationCount();
      const response = await send();
      const text = await response.text();
      expect(response.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
      expectNoLeak(text, label);
      expect(await asAdmin().invitationCount(), `${label} created an invitation`).toBe(before);
    });
  }
});

// ---------------------------------------------------------------- afterwards

test.describe("after all the bad input", () => {
  test("the invitation made before it is still there, unchanged, and still works", async ({ newUser }) => {
    const lookup = await anonymous().api(`/invite/get?token=${encodeURIComponent(known.token)}`);
    expect(lookup.status).toBe(200);
    expect((await lookup.json()).invitation).toMatchObject({ role: "moderator", status: "pending", maxUses: 5, usesLeft: 5 });
    const listed = await (await asAdmin().api("/invite/list?role=moderator")).json();
    expect(listed.invitations.map((invitation: { id: string }) => invitation.id)).toContain(known.id);

    const { client } = await newUser();
    const accepted = await client.api("/invite/accept", { body: { token: known.token } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ role: "moderator" });
  });

  test("the seeded admin can still sign in", async () => {
    const response = await anonymous().api("/sign-in/email", { body: seededAdmin });
    expect(response.status).toBe(200);
  });

  test("the server logged no error it did not expect, and no stack trace", async () => {
    expect(unexpectedLogLines(server.output().slice(outputBefore))).toEqual([]);
  });
});

/**
 * What the server is expected to log during this suite: Next.js on unknown action ids (a 404), and Better Auth
 * on each callbackURL its origin check refuses. Nothing else: proxy.ts refuses what Next could not decode.
 */
const expectedLogs = [
  /Failed to find Server Action "0+"/,
  /^Read more: https:\/\/nextjs\.org\/docs\/messages\/failed-to-find-server-action/,
  /The Server Reference ID did not match the expected format/,
  /ERROR \[Better Auth\]: Invalid callbackURL: /,
];

/** Lines of the server's output that speak of an error or show a stack frame (after the line that opened their entry), leaving out the expected entries. */
function unexpectedLogLines(output: string): string[] {
  const unexpected: string[] = [];
  let inExpectedEntry = false;
  let entry = "";
  // Both loggers colour their output: the escape codes go before matching.
  for (const line of output.replace(/\u001b\[[0-9;]*m/g, "").split("\n")) {
    if (inExpectedEntry && (/^\s/.test(line) || line === "}")) continue;
    if (!/^\s/.test(line)) entry = line;
    inExpectedEntry = expectedLogs.some((expected) => expected.test(line));
    if (!inExpectedEntry && /error|⨯|^\s+at /i.test(line)) unexpected.push((line === entry ? line : `${entry} >> ${line}`).slice(0, 300));
  }
  return unexpected;
}
