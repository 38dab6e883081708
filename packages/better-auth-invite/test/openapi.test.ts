import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { admin, openAPI } from "better-auth/plugins";
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { INVITE_ERROR_CODES, invite, type SendUserInvitationInput } from "../src/index";
import { INVITATION_FIELD_CODES } from "../src/invitation-fields";
import { CookieJar } from "./support/http";

/*
 * The document Better Auth's openAPI() plugin builds from the invite plugin's metadata, checked three ways: against
 * the plugin's endpoints (every one documented, under its path and method), against the zod schemas that validate
 * their input (the same fields, the same required ones, and each documented bound really refused), and against
 * real answers over HTTP (every answer's status is documented, its body fits the documented schema field for field,
 * and an error's code is listed under its status). One instance on an in-memory SQLite database, migrated by
 * Better Auth, with its origin check on as in production.
 */

const origin = "http://localhost:3000";
const BETTER_AUTH_CODES = ["VALIDATION_ERROR", "MISSING_OR_NULL_ORIGIN", "INVALID_ORIGIN", "INVALID_CALLBACK_URL"];
const KNOWN_CODES = new Set<string>([...Object.keys(INVITE_ERROR_CODES), ...BETTER_AUTH_CODES]);

const sent: SendUserInvitationInput[] = [];
let emailFails = false;
const plugin = invite({
  sendUserInvitation: async (input) => {
    if (emailFails) throw new Error("the mail server is down");
    sent.push(input);
  },
});
const auth = betterAuth({
  baseURL: origin,
  secret: "openapi-test-secret-openapi-test-secret-0001",
  database: new Database(":memory:"),
  emailAndPassword: { enabled: true, autoSignIn: true },
  // Under NODE_ENV=test Better Auth skips its origin check; the document lists its codes, so it runs here.
  advanced: { disableOriginCheck: false },
  // The refusals below are logged as errors, by design.
  logger: { disabled: true },
  plugins: [admin(), plugin, openAPI()],
});

// The parts of an OpenAPI document these tests read, parsed rather than assumed.
const jsonSchema = z.record(z.string(), z.unknown());
const jsonContent = z.looseObject({ "application/json": z.looseObject({ schema: jsonSchema }) });
// Better Auth's own operations also answer text/html and bodiless responses.
const anyContent = z.record(z.string(), z.looseObject({ schema: jsonSchema.optional() }));
const operationDoc = z.looseObject({
  operationId: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  parameters: z.array(z.looseObject({ name: z.string(), in: z.string(), required: z.boolean().optional(), schema: jsonSchema })).optional(),
  requestBody: z.looseObject({ content: jsonContent }).optional(),
  responses: z.record(
    z.string(),
    z.looseObject({ description: z.string(), content: anyContent.optional(), headers: jsonSchema.optional() }),
  ),
});
type Operation = z.infer<typeof operationDoc>;
const documentDoc = z.looseObject({ paths: z.record(z.string(), z.record(z.string(), operationDoc)) });
let doc: z.infer<typeof documentDoc>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const numberOf = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

const endpoints = Object.entries(plugin.endpoints).map(([name, endpoint]) => ({
  name,
  endpoint,
  path: endpoint.path.replace(/:(\w+)/g, "{$1}"),
  method: [endpoint.options.method].flat()[0]?.toLowerCase() ?? "",
  openapi: endpoint.options.metadata?.openapi,
  serverOnly: "SERVER_ONLY" in (endpoint.options.metadata ?? {}),
}));
const routed = endpoints.filter((entry) => !entry.serverOnly);

function operationOf(path: string, method: string): Operation {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  return found;
}

/** Why `value` does not fit `schema` (the JSON Schema keywords the plugin's documents use), or nothing. */
function misfits(schema: unknown, value: unknown, at = "$"): string[] {
  if (!isRecord(schema)) return [];
  if (schema.type !== undefined) {
    const types = [schema.type].flat();
    const fits = (type: unknown) =>
      (type === "null" && value === null) ||
      (type === "string" && typeof value === "string") ||
      (type === "boolean" && typeof value === "boolean") ||
      (type === "integer" && Number.isInteger(value)) ||
      (type === "number" && typeof value === "number") ||
      (type === "array" && Array.isArray(value)) ||
      (type === "object" && isRecord(value));
    if (!types.some(fits)) return [`${at}: ${JSON.stringify(value)} is not ${types.join(" or ")}`];
  }
  const problems: string[] = [];
  if (Array.isArray(schema.oneOf)) {
    const matches = schema.oneOf.filter((option) => misfits(option, value, at).length === 0).length;
    if (matches !== 1) problems.push(`${at}: fits ${matches} of its oneOf schemas`);
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((option) => misfits(option, value, at).length === 0))
    problems.push(`${at}: fits none of anyOf`);
  if ("const" in schema && value !== schema.const) problems.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(", ")}`);
  if (schema.format === "date-time" && typeof value === "string" && Number.isNaN(Date.parse(value)))
    problems.push(`${at}: ${value} is not a date-time`);
  if (schema.format === "uri" && typeof value === "string" && !URL.canParse(value)) problems.push(`${at}: ${value} is not a URI`);
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const name of required)
      if (typeof name === "string" && !(name in value)) problems.push(`${at}.${name}: documented as required, missing`);
    for (const [name, field] of Object.entries(value)) {
      if (name in properties) problems.push(...misfits(properties[name], field, `${at}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${name}: answered, not documented`);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, index) => problems.push(...misfits(schema.items, item, `${at}[${index}]`)));
  return problems;
}

type Call = {
  jar?: CookieJar;
  body?: unknown;
  query?: Record<string, string>;
  params?: Record<string, string>;
  /** The Origin header sent: the app's by default, none with null. */
  origin?: string | null;
  /** Another instance with the same plugin (rate limits on), instead of the suite's. */
  handler?: (request: Request) => Promise<Response>;
  /** The client's address, for rate limits. */
  address?: string;
};
type Answer = { status: number; body: unknown; code: unknown; headers: Headers };

/**
 * One request to an invite endpoint over HTTP, through Better Auth's handler, and the check that the document
 * says this answer: its status is documented for this operation (and not as "not answered"), its body fits the
 * documented schema, and an error's code is among those listed for its status.
 */
async function call(method: "get" | "post", path: string, init: Call = {}): Promise<Answer> {
  const url = new URL(
    `${origin}/api/auth${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(init.params?.[name] ?? ""))}`,
  );
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers({ "content-type": "application/json" });
  if (init.origin !== null) headers.set("origin", init.origin ?? origin);
  if (init.jar) headers.set("cookie", init.jar.header());
  if (init.address) headers.set("x-forwarded-for", init.address);
  const response = await (init.handler ?? auth.handler)(
    new Request(url, {
      method: method.toUpperCase(),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    }),
  );
  init.jar?.store(response);
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  const code = isRecord(body) ? body.code : undefined;

  const label = `${method.toUpperCase()} ${path} answered ${response.status} ${text.slice(0, 300)}`;
  const documented = operationOf(path, method).responses[String(response.status)];
  expect(documented, label).toBeDefined();
  expect(documented?.description, label).not.toMatch(/^Not answered/);
  const schema = documented?.content?.["application/json"]?.schema;
  if (schema) expect(misfits(schema, body), label).toEqual([]);
  else expect(body, label).toBeNull();
  for (const header of Object.keys(documented?.headers ?? {}))
    expect(response.headers.has(header), `${label}: header ${header}`).toBe(true);
  return { status: response.status, body, code, headers: response.headers };
}

async function person(role: "user" | "admin", name: string) {
  const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = "openapi-test-password";
  await auth.api.createUser({ body: { email, password, name, role, data: { emailVerified: true } } });
  const jar = new CookieJar();
  const response = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  jar.store(response);
  return { email, jar };
}

/**
 * Fields whose meaning no schema carries: Better Auth's origin check refuses a callbackURL that is not a path, before
 * validation; allowedDomains is for shareable invitations, and the sample has an email.
 */
const SAMPLES: Record<string, unknown> = { callbackURL: "/after", redirectToAfterUpgrade: "/after", allowedDomains: null };

/** The first value the documented schema allows: what a client reading only the document would send. */
function sampleOf(schema: Record<string, unknown>, field = ""): unknown {
  if (field in SAMPLES) return SAMPLES[field];
  const options = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isRecord).filter((option) => option.type !== "null") : [];
  if (options[0]) return sampleOf(options[0]);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.format === "email") return "someone@example.com";
  if (schema.type === "string") return "a".repeat(Math.max(1, numberOf(schema.minLength) ?? 1));
  if (schema.type === "boolean") return true;
  if (schema.type === "object") return {};
  if (schema.type === "array" && isRecord(schema.items)) {
    const item = sampleOf(schema.items);
    return Array.from({ length: Math.max(1, numberOf(schema.minItems) ?? 1) }, () => item);
  }
  if (schema.type === "integer" || schema.type === "number") {
    const exclusive = numberOf(schema.exclusiveMinimum);
    return numberOf(schema.minimum) ?? (exclusive === undefined ? 1 : exclusive + 1);
  }
  throw new Error(`no sample for ${JSON.stringify(schema)}`);
}

/**
 * Values that break one documented rule of a field each, made from the field's valid sample where they can be (an
 * overlong callbackURL is still a path). A query string carries text, so type mismatches are text there.
 */
function breaches(schema: Record<string, unknown>, inQuery: boolean, sample: unknown): { rule: string; value: unknown }[] {
  const options = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isRecord).filter((option) => option.type !== "null") : [];
  if (options[0]) return breaches(options[0], inQuery, sample);
  const found: { rule: string; value: unknown }[] = [];
  const minLength = numberOf(schema.minLength);
  const maxLength = numberOf(schema.maxLength);
  const minimum = numberOf(schema.minimum);
  const maximum = numberOf(schema.maximum);
  const exclusiveMinimum = numberOf(schema.exclusiveMinimum);
  const minItems = numberOf(schema.minItems);
  const maxItems = numberOf(schema.maxItems);
  if (schema.type === "string" && !inQuery) found.push({ rule: "type", value: 12345 });
  if (schema.type === "object") found.push({ rule: "type", value: ["an array"] });
  if (schema.type === "array") found.push({ rule: "type", value: "a string" });
  if (minItems !== undefined && minItems > 0) found.push({ rule: "minItems", value: [] });
  if (maxItems !== undefined && isRecord(schema.items)) {
    const item = sampleOf(schema.items);
    found.push({ rule: "maxItems", value: Array.from({ length: maxItems + 1 }, () => item) });
  }
  if (minLength !== undefined && minLength > 0) found.push({ rule: "minLength", value: "" });
  if (maxLength !== undefined) found.push({ rule: "maxLength", value: String(sample).padEnd(maxLength + 1, "a") });
  if (schema.format === "email") found.push({ rule: "format", value: "not-an-email" });
  if (Array.isArray(schema.enum)) found.push({ rule: "enum", value: "not-one-of-them" });
  if (schema.type === "integer")
    found.push({ rule: "integer", value: inQuery ? "1.5" : 1.5 }, { rule: "type", value: inQuery ? "abc" : "1" });
  if (schema.type === "boolean") found.push({ rule: "type", value: inQuery ? "maybe" : "true" });
  if (minimum !== undefined) found.push({ rule: "minimum", value: minimum - 1 });
  if (exclusiveMinimum !== undefined) found.push({ rule: "exclusiveMinimum", value: exclusiveMinimum });
  if (maximum !== undefined) found.push({ rule: "maximum", value: maximum + 1 });
  if (schema.type === "array" && isRecord(schema.items) && Array.isArray(sample)) {
    const minItems = numberOf(schema.minItems);
    const maxItems = numberOf(schema.maxItems);
    if (!inQuery) found.push({ rule: "type", value: sample[0] });
    if (minItems !== undefined && minItems > 0) found.push({ rule: "minItems", value: [] });
    if (maxItems !== undefined) found.push({ rule: "maxItems", value: Array.from({ length: maxItems + 1 }, () => sample[0]) });
    // One item breaking a rule of its own is a bad list.
    for (const { rule, value } of breaches(schema.items, inQuery, sample[0])) found.push({ rule: `items' ${rule}`, value: [value] });
  }
  return found.map(({ rule, value }) => ({ rule, value: inQuery && typeof value === "number" ? String(value) : value }));
}

beforeAll(async () => {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  doc = documentDoc.parse(await auth.api.generateOpenAPISchema());
});

describe("the invite plugin's OpenAPI metadata", () => {
  test("every endpoint carries an operationId (its auth.api name), a summary, a description and its answers", () => {
    expect(endpoints.length).toBeGreaterThan(0);
    for (const { name, openapi, serverOnly } of endpoints) {
      expect(openapi?.operationId, name).toBe(name);
      expect(openapi?.summary, name).toMatch(/\w{3}/);
      // Better Auth's generator drops the summary (better-auth issue 1493): the description opens with it.
      expect(openapi?.description?.startsWith(`${openapi?.summary}.\n\n`), name).toBe(true);
      expect(openapi?.description?.length, name).toBeGreaterThan((openapi?.summary?.length ?? 0) + 40);
      const responses = openapi?.responses ?? {};
      const success = responses["200"] ?? responses["302"];
      expect(success?.description, `${name}: a success answer`).toBeTruthy();
      // auth.api calls skip Better Auth's limiter: only what is routed over HTTP can answer 429.
      expect(responses["429"] !== undefined, `${name}: rate limited`).toBe(!serverOnly);
    }
  });

  test("every error status lists its codes, and every code is the plugin's or Better Auth's", () => {
    for (const { name, openapi } of endpoints) {
      for (const [status, response] of Object.entries(openapi?.responses ?? {})) {
        if (Number(status) < 400 || response.description.startsWith("Not answered")) continue;
        const code = response.content?.["application/json"]?.schema.properties?.code;
        // Better Auth's limiter answers a message alone: a 429 lists a code only where the plugin's budgets count.
        if (status === "429" && !(isRecord(code) && Array.isArray(code.enum))) continue;
        expect(isRecord(code) && Array.isArray(code.enum), `${name} ${status}: lists its codes`).toBe(true);
        const codes: unknown[] = isRecord(code) && Array.isArray(code.enum) ? code.enum : [];
        expect(codes.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const listed of codes) expect(KNOWN_CODES.has(String(listed)), `${name} ${status}: ${String(listed)}`).toBe(true);
        for (const listed of codes)
          expect(response.description, `${name} ${status}: explains ${String(listed)}`).toContain(`\`${String(listed)}\``);
      }
    }
  });

  test("a body or query lists exactly the fields its zod schema validates, with the same ones required", () => {
    for (const { name, endpoint, openapi } of endpoints) {
      const options: object = endpoint.options;
      const body = "body" in options ? options.body : undefined;
      const query = "query" in options ? options.query : undefined;
      if (body) {
        expect(body, name).toBeInstanceOf(z.ZodObject);
        const documented = openapi?.requestBody?.content["application/json"].schema;
        if (!(body instanceof z.ZodObject) || !documented) throw new Error(`${name}: body undocumented`);
        const shape: z.ZodRawShape = body.shape;
        const fields = Object.keys(shape).sort();
        const required = fields.filter((field) => !z.safeParse(shape[field] ?? z.never(), undefined).success);
        expect(Object.keys(documented.properties ?? {}).sort(), name).toEqual(fields);
        expect([...(documented.required ?? [])].sort(), name).toEqual(required);
      } else {
        expect(openapi?.requestBody, name).toBeUndefined();
      }
      const queryParameters = (openapi?.parameters ?? []).filter((parameter) => parameter.in === "query");
      if (query) {
        if (!(query instanceof z.ZodObject)) throw new Error(`${name}: query is not a zod object`);
        const shape: z.ZodRawShape = query.shape;
        const fields = Object.keys(shape).sort();
        expect(queryParameters.map((parameter) => parameter.name).sort(), name).toEqual(fields);
        for (const parameter of queryParameters) {
          const field = parameter.name ? shape[parameter.name] : undefined;
          expect(parameter.required, `${name}?${parameter.name}`).toBe(!z.safeParse(field ?? z.never(), undefined).success);
          expect(parameter.description, `${name}?${parameter.name}`).toBeTruthy();
        }
      } else {
        expect(queryParameters, name).toEqual([]);
      }
    }
  });
});

describe("the document openAPI() builds", () => {
  test("holds every routed endpoint under its path and method, with its own metadata, and nothing else under /invite", () => {
    for (const { name, path, method, openapi } of routed) {
      const documented = operationOf(path, method);
      expect(documented.operationId, name).toBe(openapi?.operationId);
      expect(documented.description, name).toBe(openapi?.description);
      expect(documented.tags, name).toEqual(["Invite"]);
      expect(documented.requestBody, name).toEqual(openapi?.requestBody);
      expect(documented.parameters ?? [], name).toEqual(openapi?.parameters ?? []);
      for (const [status, response] of Object.entries(openapi?.responses ?? {}))
        expect(documented.responses[status], `${name} ${status}`).toEqual(response);
    }
    const documentedPaths = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/invite"))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(documentedPaths.sort()).toEqual(routed.map(({ path, method }) => `${method} ${path}`).sort());
  });

  test("leaves out the server-only endpoints, which Better Auth never routes over HTTP", async () => {
    const serverOnly = endpoints.filter((entry) => entry.serverOnly);
    expect(serverOnly.map((entry) => entry.name).sort()).toEqual(["getInviteRecipient", "issueInvite", "sendInviteReminders"]);
    for (const { path, method } of serverOnly) expect(doc.paths[path]?.[method]).toBeUndefined();
    // Over HTTP the recipient's path is only the emailed link's, with "recipient" for a token: a redirect, never an address.
    const recipient = await auth.handler(new Request(`${origin}/api/auth/invite/recipient?token=abc`, { redirect: "manual" }));
    expect(recipient.status).toBe(302);
    expect(await recipient.text()).not.toContain("email");
    // Nothing answers a POST to send-reminders or issue: no HTTP client can make the plugin send email or grant a role.
    for (const path of ["/invite/send-reminders", "/invite/issue"]) {
      const posted = await auth.handler(
        new Request(`${origin}/api/auth${path}`, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: JSON.stringify({ email: "attacker@example.com", role: "admin" }),
        }),
      );
      expect(posted.status, path).toBe(404);
    }
  });

  test("gives every operation, Better Auth's included, an operationId of its own", () => {
    const ids = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    const named = ids.filter((id) => id !== undefined);
    expect(new Set(named).size).toBe(named.length);
    for (const { name, openapi } of routed)
      expect(
        named.filter((id) => id === openapi?.operationId),
        name,
      ).toHaveLength(1);
  });
});

describe("the documented input is the validated input", () => {
  for (const { name, path, method } of routed) {
    test(`${name}: a documented input passes validation; leaving out a required field, an unknown field or a broken bound is a 400 VALIDATION_ERROR`, async () => {
      const operation = operationOf(path, method);
      const bodySchema = operation.requestBody?.content["application/json"].schema;
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === "query");
      if (!bodySchema && query.length === 0) return;
      const refused = async (init: Call, what: string, code: string | null = "VALIDATION_ERROR") => {
        const answer = await call(method === "post" ? "post" : "get", path, init);
        expect({ status: answer.status, code: answer.code ?? null }, `${name}: ${what}`).toEqual({ status: 400, code });
      };

      if (bodySchema) {
        const properties = isRecord(bodySchema.properties) ? bodySchema.properties : {};
        const valid = Object.fromEntries(
          Object.entries(properties)
            .filter(([, field]) => isRecord(field))
            .map(([field, schema]) => [field, sampleOf(isRecord(schema) ? schema : {}, field)]),
        );
        // Without a session: validation comes first, and nothing is written.
        const passes = await call("post", path, { body: valid });
        expect(passes.code, `${name}: ${JSON.stringify(valid)}`).not.toBe("VALIDATION_ERROR");
        for (const field of Array.isArray(bodySchema.required) ? bodySchema.required : []) {
          const { [String(field)]: _left, ...rest } = valid;
          await refused({ body: rest }, `without ${String(field)}`);
        }
        if (bodySchema.additionalProperties === false)
          await refused({ body: { ...valid, userId: "someone-else" } }, "with an undocumented field");
        for (const [field, schema] of Object.entries(properties)) {
          for (const { rule, value } of breaches(isRecord(schema) ? schema : {}, false, valid[field])) {
            // Better Auth's origin check reads a callbackURL before validation, and refuses one that is no string itself.
            // A few fields answer a code of their own (invitation-fields.ts), so that a client knows which to fix.
            const code = field === "callbackURL" && rule === "type" ? null : (INVITATION_FIELD_CODES[field] ?? "VALIDATION_ERROR");
            await refused({ body: { ...valid, [field]: value } }, `${field} breaking ${rule}`, code);
          }
        }
      } else {
        const valid = Object.fromEntries(query.map((parameter) => [parameter.name, String(sampleOf(parameter.schema))]));
        const passes = await call("get", path, { query: valid });
        expect(passes.code, `${name}: ${JSON.stringify(valid)}`).not.toBe("VALIDATION_ERROR");
        for (const parameter of query.filter((candidate) => candidate.required)) {
          const { [parameter.name]: _left, ...rest } = valid;
          await refused({ query: rest }, `without ${parameter.name}`);
        }
        for (const parameter of query) {
          for (const { rule, value } of breaches(parameter.schema, true, valid[parameter.name]))
            await refused({ query: { ...valid, [parameter.name]: String(value) } }, `${parameter.name} breaking ${rule}`);
        }
      }
    });
  }
});

describe("real answers are the documented ones", () => {
  // Each call() also checks its answer against the document; these stories reach every documented answer they can.
  test("an admin's invitations, from check to the event log", async () => {
    const owner = await person("admin", "owner");
    const invitee = await person("user", "invitee");
    const other = await person("user", "other");

    // The invitee holds the user role already: their private invitation raises them to admin.
    expect((await call("post", "/invite/check", { jar: owner.jar, body: { role: "admin", email: invitee.email } })).body).toEqual({
      ok: true,
    });
    const shareable = await call("post", "/invite/create", {
      jar: owner.jar,
      body: { role: "user", maxUses: 2, redirectToAfterUpgrade: "/welcome" },
    });
    expect(shareable.status).toBe(200);
    const code = await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", tokenType: "code" } });
    expect(code.status).toBe(200);
    const unlimited = await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", maxUses: null, expiresIn: 3600 } });
    expect(unlimited.status).toBe(200);
    const privately = await call("post", "/invite/create", { jar: owner.jar, body: { role: "admin", email: invitee.email } });
    expect(privately.status).toBe(200);
    const tokenOf = (answer: Answer) => (isRecord(answer.body) && typeof answer.body.token === "string" ? answer.body.token : "");
    const idOf = (answer: Answer) => (isRecord(answer.body) && isRecord(answer.body.invitation) ? String(answer.body.invitation.id) : "");

    expect((await call("get", "/invite/get", { query: { token: tokenOf(shareable) } })).status).toBe(200);
    expect((await call("get", "/invite/get", { query: { token: tokenOf(privately) }, jar: invitee.jar })).body).toMatchObject({
      invitation: { email: invitee.email, isForViewer: true },
    });
    expect((await call("get", "/invite/{token}", { params: { token: tokenOf(shareable) } })).status).toBe(302);

    expect((await call("post", "/invite/accept", { jar: other.jar, body: { token: tokenOf(shareable) } })).status).toBe(200);
    expect((await call("post", "/invite/accept", { jar: other.jar, body: { token: tokenOf(shareable) } })).code).toBe(
      "INVITE_ALREADY_ACCEPTED",
    );
    const stranger = new CookieJar();
    expect(
      (await call("post", "/invite/activate", { jar: stranger, body: { token: tokenOf(unlimited), callbackURL: "/after" } })).body,
    ).toEqual({
      action: "SIGN_IN_UP_REQUIRED",
      redirectTo: "/after",
    });
    expect((await call("post", "/invite/activate", { jar: invitee.jar, body: { token: tokenOf(unlimited) } })).body).toMatchObject({
      action: "ACCEPTED",
      role: "user",
    });

    expect((await call("post", "/invite/reject", { jar: other.jar, body: { token: tokenOf(privately) } })).code).toBe("EMAIL_MISMATCH");
    expect((await call("post", "/invite/resend", { jar: owner.jar, body: { id: idOf(privately) } })).status).toBe(200);
    const resentToken = sent.at(-1)?.token ?? "";
    expect((await call("post", "/invite/reject", { jar: invitee.jar, body: { token: resentToken } })).status).toBe(200);
    expect((await call("post", "/invite/reject", { jar: invitee.jar, body: { token: resentToken } })).code).toBe("INVITE_CANCELED");

    expect((await call("post", "/invite/cancel", { jar: owner.jar, body: { id: idOf(code) } })).status).toBe(200);
    expect((await call("post", "/invite/cancel", { jar: owner.jar, body: { id: idOf(code) } })).code).toBe("INVITE_CANCELED");
    expect((await call("post", "/invite/resend", { jar: owner.jar, body: { id: idOf(shareable) } })).code).toBe("INVITE_IS_NOT_PRIVATE");

    const all = await call("get", "/invite/list", { jar: owner.jar, query: { withTotal: "true" } });
    expect(all.body).toMatchObject({ total: 4, hasMore: false });
    expect(await call("get", "/invite/list", { jar: owner.jar, query: { status: "pending", limit: "1" } })).toMatchObject({
      status: 200,
      body: { hasMore: true },
    });
    expect((await call("get", "/invite/list", { jar: other.jar })).body).toMatchObject({ invitations: [] });
    const events = await call("get", "/invite/events", { jar: owner.jar, query: { limit: "100" } });
    const types =
      isRecord(events.body) && Array.isArray(events.body.events)
        ? events.body.events.map((event) => (isRecord(event) ? event.type : null))
        : [];
    expect(new Set(types)).toEqual(new Set(["created", "emailed", "opened", "accepted", "resent", "rejected", "canceled"]));
    expect(await call("get", "/invite/funnel", { jar: owner.jar, query: { days: "7" } })).toMatchObject({
      status: 200,
      body: { days: 7, sent: 4, opened: 1 },
    });
  });

  test("a list of addresses, each with its outcome, and the quota", async () => {
    const owner = await person("admin", "lister");
    const taken = await person("admin", "taken");
    const fresh = `listed-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const emailed = await call("post", "/invite/create-many", {
      jar: owner.jar,
      body: { emails: [fresh, "not-an-address", fresh.toUpperCase(), taken.email], role: "user", expiresIn: 3600 },
    });
    expect(emailed.body).toMatchObject({
      results: [
        { email: fresh, status: "created" },
        { status: "refused", code: "INVALID_EMAIL" },
        { status: "refused", code: "DUPLICATE_EMAIL" },
        { status: "refused", code: "ALREADY_HAS_ROLE" },
      ],
    });
    const quiet = await call("post", "/invite/create-many", {
      jar: owner.jar,
      body: { emails: [`quiet-${fresh}`], role: "admin", notify: false },
    });
    expect(quiet.body).toMatchObject({ results: [{ status: "created", token: expect.any(String), url: expect.any(String) }] });
    expect(await call("get", "/invite/quota", { jar: owner.jar })).toMatchObject({
      status: 200,
      body: { limit: null, pending: 2, remaining: null },
    });
  });

  test("refusals answer the statuses and codes the document lists", async () => {
    const owner = await person("admin", "refuser");
    const user = await person("user", "plain");
    const nobody = new CookieJar();
    const signedOut: ["get" | "post", string, Call][] = [
      ["post", "/invite/create", { body: { role: "user" } }],
      ["post", "/invite/check", { body: { role: "user" } }],
      ["post", "/invite/accept", { body: { token: "abc" } }],
      ["post", "/invite/reject", { body: { token: "abc" } }],
      ["post", "/invite/cancel", { body: { id: "abc" } }],
      ["post", "/invite/resend", { body: { id: "abc" } }],
      ["get", "/invite/list", {}],
      ["get", "/invite/events", {}],
      ["post", "/invite/create-many", { body: { emails: ["a@example.com"], role: "user" } }],
      ["get", "/invite/quota", {}],
      ["get", "/invite/funnel", {}],
    ];
    for (const [method, path, init] of signedOut) {
      expect(await call(method, path, { ...init, jar: nobody }), path).toMatchObject({ status: 401, code: "USER_NOT_LOGGED_IN" });
    }

    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "emperor" } })).toMatchObject({
      status: 400,
      code: "ROLE_NOT_FOUND",
    });
    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", email: owner.email } })).toMatchObject({
      status: 400,
      code: "CANNOT_INVITE_YOURSELF",
    });
    expect(
      await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", redirectToAfterUpgrade: "https://evil.example/" } }),
    ).toMatchObject({
      status: 400,
      code: "INVALID_REDIRECT_URL",
    });
    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", tokenType: "custom" } })).toMatchObject({
      status: 400,
      code: "CUSTOM_TOKEN_NOT_ENABLED",
    });
    expect(await call("post", "/invite/create", { jar: user.jar, body: { role: "user" } })).toMatchObject({
      status: 403,
      code: "INSUFFICIENT_PERMISSIONS",
    });
    expect(await call("post", "/invite/create-many", { jar: user.jar, body: { emails: ["a@example.com"], role: "user" } })).toMatchObject({
      status: 403,
      code: "INSUFFICIENT_PERMISSIONS",
    });
    expect(
      await call("post", "/invite/create-many", { jar: owner.jar, body: { emails: ["a@example.com"], role: "emperor" } }),
    ).toMatchObject({ status: 400, code: "ROLE_NOT_FOUND" });
    expect(await call("post", "/invite/check", { jar: owner.jar, body: { role: "user", email: user.email } })).toMatchObject({
      status: 409,
      code: "ALREADY_HAS_ROLE",
    });
    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user" }, origin: null })).toMatchObject({
      status: 403,
      code: "MISSING_OR_NULL_ORIGIN",
    });
    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user" }, origin: "https://evil.example" })).toMatchObject({
      status: 403,
      code: "INVALID_ORIGIN",
    });
    expect(await call("post", "/invite/activate", { body: { token: "abc", callbackURL: "https://evil.example/" } })).toMatchObject({
      status: 403,
      code: "INVALID_CALLBACK_URL",
    });

    const address = `newcomer-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect((await call("post", "/invite/create", { jar: owner.jar, body: { role: "admin", email: address } })).status).toBe(200);
    expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", email: address } })).toMatchObject({
      status: 409,
      code: "ALREADY_INVITED",
    });
    emailFails = true;
    try {
      expect(await call("post", "/invite/create", { jar: owner.jar, body: { role: "user", email: `unlucky-${address}` } })).toMatchObject({
        status: 502,
        code: "ERROR_SENDING_THE_INVITATION_EMAIL",
      });
    } finally {
      emailFails = false;
    }

    const adminLink = await call("post", "/invite/create", { jar: owner.jar, body: { role: "admin" } });
    const token = isRecord(adminLink.body) && typeof adminLink.body.token === "string" ? adminLink.body.token : "";
    expect(await call("post", "/invite/accept", { jar: user.jar, body: { token } })).toMatchObject({ status: 200 });
    const userLink = await call("post", "/invite/create", { jar: owner.jar, body: { role: "user" } });
    const lower = isRecord(userLink.body) && typeof userLink.body.token === "string" ? userLink.body.token : "";
    expect(await call("post", "/invite/accept", { jar: user.jar, body: { token: lower } })).toMatchObject({
      status: 409,
      code: "ROLE_WOULD_BE_LOWERED",
    });
    expect(await call("post", "/invite/accept", { jar: user.jar, body: { token } })).toMatchObject({
      status: 409,
      code: "NO_USES_LEFT_FOR_INVITE",
    });

    expect(await call("get", "/invite/get", { query: { token: "no-such-token" } })).toMatchObject({ status: 404, code: "INVALID_TOKEN" });
    expect(await call("get", "/invite/{token}", { params: { token: "a".repeat(513) } })).toMatchObject({
      status: 404,
      code: "INVALID_TOKEN",
    });
    expect(await call("post", "/invite/cancel", { jar: owner.jar, body: { id: "no-such-id" } })).toMatchObject({
      status: 404,
      code: "INVALID_TOKEN",
    });
    expect(await call("post", "/invite/activate", { body: { token: "no-such-token" } })).toMatchObject({
      status: 404,
      code: "INVALID_TOKEN",
    });
    const plain = await person("user", "still-plain");
    expect(await call("get", "/invite/events", { jar: plain.jar })).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });
  });

  test("over a budget, both kinds of 429 are the documented ones: Better Auth's message, the plugin's code", async () => {
    const limited = betterAuth({
      baseURL: origin,
      secret: "openapi-test-secret-openapi-test-secret-0002",
      database: new Database(":memory:"),
      emailAndPassword: { enabled: true },
      rateLimit: { enabled: true },
      logger: { disabled: true },
      plugins: [admin(), invite({ rateLimit: { window: 60, max: 1 } })],
    });
    await (await getMigrations(limited.options)).runMigrations();
    const via = { handler: limited.handler, address: "198.18.0.1" };
    expect((await call("get", "/invite/get", { ...via, query: { token: "no-such-token" } })).status).toBe(404);
    expect(await call("get", "/invite/get", { ...via, query: { token: "no-such-token" } })).toMatchObject({
      status: 429,
      code: "TOO_MANY_REQUESTS",
    });
    // Better Auth's own rule for the paths that send email: counted before the session is even read.
    expect((await call("post", "/invite/create", { ...via, body: { role: "user" } })).status).toBe(401);
    expect(await call("post", "/invite/create", { ...via, body: { role: "user" } })).toMatchObject({ status: 429, code: undefined });
  });
});
