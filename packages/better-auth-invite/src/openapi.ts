// The OpenAPI description of each endpoint, as Better Auth's openAPI() plugin reads it from `metadata.openapi`.
import type { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES, type InviteErrorCode } from "./error-codes";
import type { InviteeInvitation, PublicInvitation } from "./serialize";
import { INVITE_EVENT_TYPES } from "./types";

/*
 * Better Auth's generator (1.7) derives a request body from the endpoint's zod schema, but without formats,
 * integer types, bounds, strictness or descriptions, and query parameters without saying which are required.
 * Given `requestBody` or `parameters` it uses them instead: so both are derived here from the very zod schema
 * the endpoint validates with, by zod's own JSON Schema emitter (the input side, what a client sends). Docs
 * and validation cannot drift; what zod cannot know, what each field means, is added by name, and a field
 * without a description does not compile. Responses have no schema to derive from: they are written below,
 * and test/openapi.test.ts checks real answers against them.
 *
 * The generator keeps `operationId`, `description`, `parameters`, `requestBody` and `responses`. It drops
 * `summary` (better-auth issue 1493), which is kept here for when it stops; descriptions therefore open with it.
 */

type EndpointOptions = Parameters<typeof createAuthEndpoint>[0];
type BetterAuthOperation = NonNullable<NonNullable<EndpointOptions["metadata"]>["openapi"]>;
/**
 * What `metadata.openapi` holds, as Better Auth types it, with what every invite endpoint gives. An interface, so
 * that the package's declarations name it instead of repeating it for each endpoint.
 */
export interface OpenAPIOperation extends BetterAuthOperation {
  operationId: string;
  summary: string;
  description: string;
  responses: NonNullable<BetterAuthOperation["responses"]>;
}

type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** The part of JSON Schema 2020-12 (OpenAPI 3.1's dialect) that the hand-written response schemas use. */
export type Schema = {
  type?: JsonType | JsonType[];
  description?: string;
  format?: "date-time" | "uri" | "email";
  enum?: readonly (string | null)[];
  const?: string | boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  oneOf?: Schema[];
};

type ObjectSchema = Schema & { type: "object"; properties: Record<string, Schema>; required: string[] };

type ResponseObject = {
  description: string;
  content?: { "application/json": { schema: Schema & { type: "object" } } };
  headers?: Record<string, { description: string; schema: Schema }>;
};

export const string = (description: string): Schema => ({ type: "string", description });
export const integer = (description: string): Schema => ({ type: "integer", description });
export const boolean = (description: string): Schema => ({ type: "boolean", description });
export const dateTime = (description: string): Schema => ({ type: "string", format: "date-time", description });
export const oneOf = (values: readonly string[], description: string): Schema => ({ type: "string", enum: values, description });
export const array = (items: Schema, description: string): Schema => ({ type: "array", items, description });

/** The same schema, that also takes null. */
export function nullable(schema: Schema): Schema {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  return {
    ...schema,
    type: [...types, "null"],
    ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
  };
}

/**
 * An object with exactly these fields, all present unless named in `optional`. Typed against `T` when given,
 * so that a field added to or removed from the type breaks the build until its documentation follows.
 */
export function object<T>(
  properties: { [K in keyof T]-?: Schema },
  options: { description?: string; optional?: (keyof T & string)[] } = {},
): ObjectSchema {
  const described: Record<string, Schema> = properties;
  return {
    type: "object",
    ...(options.description ? { description: options.description } : {}),
    properties: described,
    required: Object.keys(described).filter((key) => !options.optional?.some((name) => name === key)),
    additionalProperties: false,
  };
}

const STATUSES = ["pending", "used", "canceled", "rejected"] as const;
const TOKEN_TYPES = ["token", "code", "custom"] as const;

/** A person as the audit recorded them when they acted: still there after their account changes or is deleted. */
export const personSchema = (description: string) =>
  object<{ id: string; name: string; email: string }>(
    { id: string("Their user id."), name: string("Their name at the time."), email: string("Their email address at the time.") },
    { description },
  );

/** An invitation as create, cancel, reject, resend and list answer it (serialize.ts): never its token or hash. */
export const invitationProperties = {
  id: string("The invitation's id: time-ordered, so newer invitations sort after older ones."),
  tokenType: oneOf(TOKEN_TYPES, "A long link token, a short human code, or a token from the app's generateToken."),
  role: string("The role that accepting grants."),
  email: nullable(string("The address a private invitation is bound to, lower-cased; null for a shareable one.")),
  createdByUserId: string("The creator's user id."),
  createdByName: string("The creator's name when the invitation was made."),
  createdByEmail: string("The creator's email address when the invitation was made."),
  createdAt: dateTime("When it was made."),
  expiresAt: dateTime("When it stops being usable."),
  maxUses: nullable(integer("Uses it allows; null for unlimited.")),
  useCount: integer("Uses spent so far."),
  usesLeft: nullable(integer("Uses left; null for unlimited.")),
  status: oneOf(STATUSES, "As stored, except that an invitation with no use left reads used."),
  displayStatus: oneOf([...STATUSES, "expired"], "The status a reader sees: expired once a pending invitation is past expiresAt."),
  isPrivate: boolean("Whether it is bound to an email address."),
  redirectToAfterUpgrade: nullable(string("Where its invitee goes after accepting; null for the app's default.")),
  newAccount: boolean("For a private invitation: whether its address had no account when it was made or last resent."),
  metadata: nullable({ type: "object", description: "The creator's data, a JSON object of at most 4 kB; null if none." }),
  message: nullable(string("The creator's personal note to the invitee, plain text; null if none.")),
  allowedDomains: nullable(
    array(string("A domain, lower-cased."), "For a shareable invitation: the only domains whose verified addresses may accept it."),
  ),
  remindAt: nullable(dateTime("When its one reminder is due; null when none is (shareable, not emailed, reminded, or ended).")),
} satisfies Record<string, Schema>;

export const invitationSchema = (description: string) => object<PublicInvitation>(invitationProperties, { description });

const { createdByEmail: _creatorsAddress, ...inviteeProperties } = invitationProperties;

/** An invitation as its invitee sees it (reject's answer): without the creator's address. */
export const inviteeInvitationSchema = (description: string) => object<InviteeInvitation>(inviteeProperties, { description });

/** What an accept answers (accept, and activate with a session). */
export const acceptedProperties = {
  role: string("The role the user holds now: the invitation's."),
  previousRole: nullable(string("The role the user held before; null if none.")),
  redirectTo: string("Where to send the user now: the invitation's redirectToAfterUpgrade, or defaultRedirectAfterUpgrade."),
} satisfies Record<string, Schema>;

/** The refusals of acceptInvitation (accept.ts), by status: accept's, and activate's with a session. */
export const acceptErrors = {
  403: ["EMAIL_MISMATCH", "EMAIL_NOT_VERIFIED", "EMAIL_DOMAIN_NOT_ALLOWED", "CANT_ACCEPT_INVITE", "INVITER_NOT_ALLOWED"],
  404: ["INVALID_TOKEN"],
  409: ["NO_USES_LEFT_FOR_INVITE", "INVITE_ALREADY_ACCEPTED", "ROLE_WOULD_BE_LOWERED"],
  410: ["INVITE_EXPIRED", "INVITE_CANCELED", "INVITE_LINK_REPLACED"],
} satisfies Partial<Record<ErrorStatus, ErrorCode[]>>;

export const eventTypeSchema = oneOf(INVITE_EVENT_TYPES, "What happened.");

/** The codes Better Auth itself may answer on the plugin's paths, before or around the plugin's own code. */
const BETTER_AUTH_CODES = {
  VALIDATION_ERROR: "Better Auth: the body or query does not match the schema above (the message names the field).",
  MISSING_OR_NULL_ORIGIN: "Better Auth's origin check: a request with cookies and no Origin (or Referer) header.",
  INVALID_ORIGIN: "Better Auth's origin check: a request with cookies from an origin it does not trust.",
  INVALID_CALLBACK_URL: "Better Auth's origin check: the callbackURL is neither a relative path nor a trusted origin.",
} as const;

type BetterAuthCode = keyof typeof BETTER_AUTH_CODES;
type ErrorCode = InviteErrorCode | BetterAuthCode;
const isBetterAuthCode = (code: ErrorCode): code is BetterAuthCode => Object.hasOwn(BETTER_AUTH_CODES, code);

/** Every error status the plugin's endpoints answer with a code, in the order a reader looks for them. */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 410, 502] as const;
type ErrorStatus = (typeof ERROR_STATUSES)[number];

const STATUS_TEXT: Record<ErrorStatus | 429, string> = {
  400: "Bad request",
  401: "No session",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  429: "Too many requests",
  502: "The email could not be sent",
};

function messageOf(code: ErrorCode): string {
  return isBetterAuthCode(code) ? BETTER_AUTH_CODES[code] : INVITE_ERROR_CODES[code].message;
}

function errorResponse(status: ErrorStatus, codes: ErrorCode[], uncoded?: string): ResponseObject {
  const lines = codes.map((code) => `- \`${code}\`: ${messageOf(code)}`);
  return {
    description: [
      `${STATUS_TEXT[status]}. The body is \`{ code, message }\`, with one of these codes:`,
      ...lines,
      ...(uncoded ? [`- no code: ${uncoded}`] : []),
    ].join("\n"),
    content: {
      "application/json": {
        schema: object<{ code: string; message: string }>(
          {
            code: { type: "string", enum: codes, description: "Stable: map it to your own words." },
            message: string("A sentence in English, for logs and developers."),
          },
          { optional: uncoded ? ["code"] : [] },
        ),
      },
    },
  };
}

/**
 * Better Auth's own limiter (on by default in production) covers every path and answers `{ message }` alone (an
 * app may add a code on its way out); the plugin's budgets on token look-ups answer with a code.
 */
function tooManyRequests(countsLookups: boolean): ResponseObject {
  const limiter = "Better Auth's rate limit: `{ message }`, with the seconds to wait in `X-Retry-After`.";
  const budget =
    "`TOO_MANY_REQUESTS`: the plugin's look-up budgets (per address, and one for codes across the app), with `Retry-After` and `X-Retry-After`.";
  const code: Schema = countsLookups
    ? { type: "string", enum: ["TOO_MANY_REQUESTS"], description: "From the plugin's budgets; Better Auth's limiter sends none." }
    : { type: "string", description: "Better Auth's limiter sends none; an app may add one." };
  return {
    description: [`${STATUS_TEXT[429]}.`, `- ${limiter}`, ...(countsLookups ? [`- ${budget}`] : [])].join("\n"),
    content: {
      "application/json": {
        schema: object<{ code: string; message: string }>({ code, message: string("A sentence in English.") }, { optional: ["code"] }),
      },
    },
  };
}

/** The statuses Better Auth's generator lists for every operation whatever it answers: said plainly when one never comes. */
const GENERATOR_DEFAULTS = [400, 401, 403, 404] as const;
const NOT_ANSWERED: ResponseObject = {
  description: "Not answered by this endpoint (Better Auth's generator lists this status on every operation).",
};

type Input =
  | { requestBody: ReturnType<typeof jsonBody>; parameters?: never }
  | { parameters: OpenAPIParameters; requestBody?: never }
  | { requestBody?: never; parameters?: never };

type OperationSpec = Input & {
  operationId: string;
  summary: string;
  description: string;
  /** The success answer, by status: 200 with a JSON body, or the emailed link's 302. */
  success: { status?: 200 | 302; description: string; schema?: Schema & { type: "object" }; headers?: ResponseObject["headers"] };
  /** The plugin's error codes, by status. Better Auth's own are added: validation, and the origin check on POSTs. */
  errors: Partial<Record<ErrorStatus, ErrorCode[]>>;
  /** Whether the endpoint counts a token look-up against the plugin's budgets (lookup-budget.ts). */
  countsLookups?: boolean;
  /** Statuses that Better Auth may also answer with a message and no code, and when. */
  uncoded?: Partial<Record<ErrorStatus, string>>;
  /** Path parameters (the emailed link's token). */
  pathParameters?: OpenAPIParameters;
  /** Called by server code only (`SERVER_ONLY`): no HTTP, so neither the origin check nor the rate limiter applies. */
  serverOnly?: boolean;
};

/** The complete `metadata.openapi` of one endpoint. Every POST of the plugin has a body, hence the origin check. */
export function operation(spec: OperationSpec): OpenAPIOperation {
  const errors: Partial<Record<ErrorStatus, ErrorCode[]>> = { ...spec.errors };
  if (spec.requestBody || spec.parameters) errors[400] = ["VALIDATION_ERROR", ...(errors[400] ?? [])];
  if (spec.requestBody && !spec.serverOnly) errors[403] = [...(errors[403] ?? []), "MISSING_OR_NULL_ORIGIN", "INVALID_ORIGIN"];

  const responses: Record<string, ResponseObject> = {
    [String(spec.success.status ?? 200)]: {
      description: spec.success.description,
      ...(spec.success.schema ? { content: { "application/json": { schema: spec.success.schema } } } : {}),
      ...(spec.success.headers ? { headers: spec.success.headers } : {}),
    },
  };
  if (!spec.serverOnly) for (const status of GENERATOR_DEFAULTS) responses[status] = NOT_ANSWERED;
  for (const status of ERROR_STATUSES) {
    const codes = errors[status];
    if (codes && codes.length > 0) responses[status] = errorResponse(status, codes, spec.uncoded?.[status]);
  }
  if (!spec.serverOnly) responses[429] = tooManyRequests(spec.countsLookups ?? false);

  const parameters = [...(spec.pathParameters ?? []), ...(spec.parameters ?? [])];
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: `${spec.summary}.\n\n${spec.description}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses,
  };
}

/** Field descriptions, one for each field of a zod object schema. */
type Descriptions<Shape extends z.ZodRawShape> = { [K in keyof Shape]-?: string };

/** The JSON Schema of each field as a client sends it, with what zod cannot know added from `described`. */
function inputFields<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, described: Descriptions<Shape>) {
  const json = z.toJSONSchema(schema, { io: "input" });
  const shape: z.ZodRawShape = schema.shape;
  const descriptions = new Map<string, string>(Object.entries(described));
  const properties: Record<string, z.core.JSONSchema.JSONSchema> = {};
  for (const [name, field] of Object.entries(json.properties ?? {})) {
    const description = descriptions.get(name);
    if (typeof field === "boolean" || description === undefined)
      throw new Error(`openapi: the field ${name} has no schema or no description`);
    properties[name] = { ...field, ...formatOf(shape[name]), description };
  }
  return { properties, required: json.required ?? [], strict: json.additionalProperties === false };
}

/**
 * A string trimmed, then checked as an email, is a pipe: its input side is the plain string a client sends,
 * its output side the format it must have. The format is part of the input's contract too.
 */
function formatOf(field: z.core.$ZodType | undefined): { format?: string } {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap();
  if (!(inner instanceof z.ZodPipe) || inner.out instanceof z.ZodTransform) return {};
  const format = z.toJSONSchema(inner.out, { io: "output", unrepresentable: "any" }).format;
  return format ? { format } : {};
}

/** A JSON request body, from the zod schema that validates it. */
export function jsonBody<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, described: Descriptions<Shape>) {
  const { properties, required, strict } = inputFields(schema, described);
  const bodySchema = {
    type: "object" as const,
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(strict ? { additionalProperties: false } : {}),
  };
  return { required: true, content: { "application/json": { schema: bodySchema } } };
}

type OpenAPIParameters = NonNullable<OpenAPIOperation["parameters"]>;
type ParameterType = "string" | "number" | "integer" | "boolean" | "array" | "object";

const PARAMETER_TYPES = new Set<string>(["string", "number", "integer", "boolean", "array", "object"]);
const isParameterType = (type: unknown): type is ParameterType => typeof type === "string" && PARAMETER_TYPES.has(type);

/** The keywords a query parameter's schema keeps: a type, and the bounds zod enforces. */
function parameterSchema(name: string, field: z.core.JSONSchema.JSONSchema) {
  const bounds = {
    ...(typeof field.minLength === "number" ? { minLength: field.minLength } : {}),
    ...(typeof field.maxLength === "number" ? { maxLength: field.maxLength } : {}),
    ...(typeof field.minimum === "number" ? { minimum: field.minimum } : {}),
    ...(typeof field.maximum === "number" ? { maximum: field.maximum } : {}),
    ...(typeof field.exclusiveMinimum === "number" ? { exclusiveMinimum: field.exclusiveMinimum } : {}),
    ...(typeof field.exclusiveMaximum === "number" ? { exclusiveMaximum: field.exclusiveMaximum } : {}),
    ...(typeof field.format === "string" ? { format: field.format } : {}),
    ...(field.enum ? { enum: field.enum.filter((value) => typeof value === "string") } : {}),
  };
  if (isParameterType(field.type)) return { type: field.type, ...bounds };
  // A query string carries text: a field that takes a boolean, or the words true and false, is a boolean parameter.
  const booleanWords = (member: z.core.JSONSchema.JSONSchema) =>
    member.type === "boolean" || (member.type === "string" && (member.enum ?? []).every((value) => value === "true" || value === "false"));
  if (field.anyOf?.every(booleanWords)) return { type: "boolean" as const };
  throw new Error(`openapi: the query parameter ${name} has no type a query string can carry`);
}

/** Query parameters, from the zod schema that validates the query. */
export function queryParameters<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  described: Descriptions<Shape>,
): OpenAPIParameters {
  const { properties, required } = inputFields(schema, described);
  return Object.entries(properties).map(([name, field]) => ({
    name,
    in: "query" as const,
    required: required.includes(name),
    description: field.description,
    schema: parameterSchema(name, field),
  }));
}
