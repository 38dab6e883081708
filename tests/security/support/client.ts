import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CookieJar } from "../../support/cookie-jar";

export { uniqueEmail } from "../../harness/unique-email";

/**
 * An HTTP client as an attacker or a browser would be: it keeps cookies, sends
 * the Origin it is told to (or none), and comes from its own address, so that
 * each test has rate-limit buckets of its own: the suite's servers trust the
 * loopback as their proxy (TRUSTED_PROXIES), so the X-Forwarded-For a client
 * sends is what a load balancer would have said about it. Against a server on
 * the defaults, the same header is only a client's claim.
 */

// From a random start in each process: suites that share one rate-limit store (the workers of a run, or runs
// one after the other, on one Redis) do not hand out the same addresses, hence the same budgets.
let lastAddress = randomInt(0, 2 ** 17 - 20_000);
/** An address of the benchmarking range 198.18.0.0/15 (RFC 2544, never a real client), different for every client. */
export function nextAddress(): string {
  lastAddress += 1;
  return `198.${18 + (lastAddress >> 16)}.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
}

export type SendInit = {
  method?: string;
  /** An object or array is sent as JSON; a string or FormData as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The Origin header: the server's own by default; null sends the literal "null"; false sends none. */
  origin?: string | null | false;
  redirect?: RequestRedirect;
};

export class Client {
  private readonly jar = new CookieJar();

  constructor(
    readonly baseURL: string,
    /** The X-Forwarded-For it sends; null sends none, as a browser talking to the server directly. */
    readonly address: string | null = nextAddress(),
  ) {}

  async send(pathname: string, init: SendInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.address !== null) headers.set("x-forwarded-for", this.address);
    const origin = init.origin === undefined ? new URL(this.baseURL).origin : init.origin;
    if (origin !== false) headers.set("origin", origin === null ? "null" : origin);
    if (this.cookies.size > 0 && !headers.has("cookie")) headers.set("cookie", this.jar.header());
    let body: BodyInit | undefined;
    if (typeof init.body === "string" || init.body instanceof FormData || init.body instanceof Uint8Array) body = init.body as BodyInit;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const response = await fetch(new URL(pathname, this.baseURL), {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: init.redirect ?? "manual",
    });
    this.jar.store(response);
    return response;
  }

  /** The session and invitation cookies this client holds, by name. */
  get cookies(): Map<string, string> {
    return this.jar.cookies;
  }

  /** Better Auth's API, mounted at /api/auth. */
  /** How many invitations this client's list shows, exactly: the list counts only when asked. */
  async invitationCount(): Promise<number> {
    const { total } = (await (await this.api("/invite/list?withTotal=true")).json()) as { total?: unknown };
    if (typeof total !== "number") throw new Error(`the invitation list gave no total: ${JSON.stringify(total)}`);
    return total;
  }

  api(pathname: string, init: SendInit = {}) {
    return this.send(`/api/auth${pathname}`, init);
  }

  async signUp(user: { name: string; email: string; password: string }) {
    const response = await this.api("/sign-up/email", { body: user });
    if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { user: { id: string; email: string } };
  }

  async signIn(user: { email: string; password: string }) {
    const response = await this.api("/sign-in/email", { body: user });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { user: { id: string; email: string } };
  }

  /**
   * Calls a server action the way React's client does: a multipart body whose
   * part "0" holds the arguments, with the FormData argument's fields under "1_".
   * `page` is where the form lives; the action is found by name in the build's manifest.
   * `args` is part "0" as sent: `["$K1"]` for an action whose only argument is the FormData.
   */
  action(
    page: string,
    name: string,
    fields: Record<string, string | string[]>,
    init: Omit<SendInit, "body"> = {},
    args = '[{"status":"idle"},"$K1"]',
  ) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(`_1_${key}`, item);
    }
    // Last, as React sends it: the server decodes as the parts stream in, so the fields must already be there.
    form.set("0", args);
    return this.send(page, {
      ...init,
      method: "POST",
      body: form,
      headers: { "next-action": actionId(name), accept: "text/x-component", ...init.headers },
    });
  }
}

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/** The id the build gave a server action, e.g. "createInviteAction". */
export function actionId(name: string): string {
  const manifestPath = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`No server action named ${name} in the build`);
  return found[0];
}

/** A response's status and, when its body is JSON with one, its error code. */
export async function statusAndCode(response: Response): Promise<{ status: number; code: string | undefined }> {
  const text = await response.text();
  try {
    return { status: response.status, code: (JSON.parse(text) as { code?: string } | null)?.code };
  } catch {
    return { status: response.status, code: undefined };
  }
}
