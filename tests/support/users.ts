import type { RoleName } from "@/lib/auth/permissions";
import { CookieJar, type startTestApp, uniqueEmail } from "./app";

type App = Awaited<ReturnType<typeof startTestApp>>;

export type TestUser = { id: string; email: string; password: string; role: string; jar: CookieJar };

/** Creates an account the way an admin tool would (server-side, no request), then signs it in over HTTP. */
export async function signedInUser(
  app: App,
  options: { role?: RoleName; emailVerified?: boolean; email?: string; label?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail(options.label ?? options.role ?? "user");
  const password = "test-password-123";
  const role = options.role ?? "user";
  const { user } = await app.auth.api.createUser({
    body: { email, password, name: `Test ${role}`, role, data: { emailVerified: options.emailVerified ?? true } },
  });
  const jar = new CookieJar();
  const response = await app.request("/sign-in/email", { body: { email, password }, jar });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return { id: user.id, email, password, role, jar };
}

export async function roleOf(app: App, userId: string): Promise<string | null | undefined> {
  const context = await app.auth.$context;
  const user = await context.internalAdapter.findUserById(userId);
  return (user as { role?: string | null } | null)?.role;
}

/** Any JSON answer: tests read it field by field and assert on the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body has no static type; the assertions check it
type JsonBody = Record<string, any>;

/** Reads a JSON body and the status together, for compact assertions. */
export async function json(response: Response): Promise<{ status: number; body: JsonBody }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}
