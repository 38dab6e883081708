// The few HTTP calls the set-up makes, with the `origin` header Better Auth's CSRF check wants and the session cookie kept.
import { z } from "zod";

export type SignedIn = { id: string; email: string; cookie: string };

/** `origin`: the app's public address, when the server is one of several behind it; else the server's own. */
type CallInit = { method?: "GET" | "POST"; body?: unknown; cookie?: string; origin?: string };

/** Calls the auth API and checks the answer against `schema`: a set-up that half-worked must stop the run. */
export async function callApi<T>(
  baseUrl: string,
  path: string,
  schema: z.ZodType<T>,
  init: CallInit = {},
): Promise<{ data: T; cookie: string }> {
  const headers: Record<string, string> = { origin: init.origin ?? baseUrl };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = init.cookie;
  const response = await fetch(`${baseUrl}/api/auth${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "call"} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
  return { data: schema.parse(JSON.parse(text)), cookie };
}

const authResponse = z.object({ user: z.object({ id: z.string(), email: z.string() }) });

export async function signUp(baseUrl: string, email: string, password: string, name: string): Promise<SignedIn> {
  const { data, cookie } = await callApi(baseUrl, "/sign-up/email", authResponse, { body: { email, password, name } });
  return { id: data.user.id, email: data.user.email, cookie };
}

export async function signIn(baseUrl: string, email: string, password: string, origin?: string): Promise<SignedIn> {
  const { data, cookie } = await callApi(baseUrl, "/sign-in/email", authResponse, { body: { email, password }, origin });
  return { id: data.user.id, email: data.user.email, cookie };
}

/** Runs `task` for every item, `parallel` at a time, keeping the order of the results. */
export async function mapParallel<T, R>(items: T[], parallel: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}
