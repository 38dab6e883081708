import type { RoleName } from "@/lib/auth/permissions";
import { CookieJar, type TestApp, uniqueEmail } from "./app";
import { randomAddress } from "./redis";

export type TestUser = { id: string; email: string; password: string; role: string; jar: CookieJar };

/** Where accounts are made: the app (startTestApp), or a Better Auth instance of a test's own with the admin plugin (startPluginInstance). */
type Accounts = {
  auth: {
    api: {
      createUser: (input: {
        body: { email: string; password: string; name: string; role: RoleName; data: { emailVerified: boolean } };
      }) => Promise<{ user: { id: string } }>;
    };
  };
  request: TestApp["request"];
};

/** Creates an account the way an admin tool would (server-side, no request), then signs it in over HTTP. */
export async function signedInUser(
  app: Accounts,
  options: { role?: RoleName; emailVerified?: boolean; email?: string; label?: string; name?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail(options.label ?? options.role ?? "user");
  const password = "test-password-123";
  const role = options.role ?? "user";
  const { user } = await app.auth.api.createUser({
    body: { email, password, name: options.name ?? `Test ${role}`, role, data: { emailVerified: options.emailVerified ?? true } },
  });
  const jar = new CookieJar();
  // From an address of its own: on an instance with rate limits on, the set-up spends none of a test's budgets, nor its own.
  const response = await app.request("/sign-in/email", { body: { email, password }, jar, headers: { "x-forwarded-for": randomAddress() } });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return { id: user.id, email, password, role, jar };
}

export async function roleOf(app: Pick<TestApp, "auth">, userId: string): Promise<string | null | undefined> {
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
