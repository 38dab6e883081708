import { expect } from "vitest";
import { type CookieJar, startTestApp, type TestApp } from "./app";
import { json, signedInUser, type TestUser } from "./users";

/** Where a file of invite stories starts (in its beforeAll): the app on its migrated database, and an admin signed in over HTTP. */
export async function startAppWithAdmin(): Promise<{ app: TestApp; admin: TestUser }> {
  const app = await startTestApp();
  return { app, admin: await signedInUser(app, { role: "admin" }) };
}

/** Rows of a raw SQL result: PGlite answers `{ rows }`, postgres-js the array itself. */
export function rowsOf<T>(result: unknown): T[] {
  return (typeof result === "object" && result !== null && "rows" in result ? result.rows : result) as T[];
}

export type CreatedInvite = { token: string; url: string; invitation: { id: string; newAccount: boolean; expiresAt: string } };

/** Creates an invitation over HTTP as `by`, and fails the test at once if that is refused. */
export async function createInviteAs(app: Pick<TestApp, "request">, by: TestUser, body: Record<string, unknown>): Promise<CreatedInvite> {
  const { status, body: created } = await json(await app.request("/invite/create", { body, jar: by.jar }));
  expect(status, JSON.stringify(created)).toBe(200);
  return created as CreatedInvite;
}

/** Opens an emailed invite link as a browser would, keeping the cookie it sets. */
export async function openLink(app: Pick<TestApp, "auth">, url: string, jar: CookieJar): Promise<Response> {
  const response = await app.auth.handler(new Request(url, { headers: { cookie: jar.header() } }));
  jar.store(response);
  return response;
}

/** The outbox's emails to one address, newest first, through the app's own JSON route. */
export async function outboxFor(email: string) {
  const { GET } = await import("@/app/api/dev/outbox/route");
  const response = await GET(new Request(`http://localhost:3000/api/dev/outbox?to=${encodeURIComponent(email)}`));
  return (await response.json()) as { emails: { to: string; subject: string; html: string; text: string }[] };
}

/** The invite link in an email's text, and the token it carries (its last path segment, URL-decoded). */
export function inviteLinkIn(text: string): { link: string; token: string } {
  const link = text.match(/http:\/\/localhost:3000\/api\/auth\/invite\/[^\s\]]+/)?.[0];
  expect(link, text).toBeDefined();
  return { link: link!, token: decodeURIComponent(new URL(link!).pathname.split("/").pop()!) };
}
