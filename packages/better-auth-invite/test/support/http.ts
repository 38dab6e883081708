// Requests as a browser sends them to Better Auth's handler: JSON bodies, an Origin, and cookies kept in a jar.

/** Keeps the cookies a server sets and sends them back, as a browser would. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";")[0] ?? "";
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === "" || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  has(fragment: string): boolean {
    return [...this.cookies.keys()].some((name) => name.includes(fragment));
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

export type Call = { method?: string; body?: unknown; jar?: CookieJar | null; headers?: Record<string, string> };

/** Sends requests to a Better Auth handler mounted at /api/auth on `origin`, keeping cookies in the call's jar. */
export function requester(handler: (request: Request) => Promise<Response>, origin: string) {
  return async function request(pathOrUrl: string, call: Call = {}): Promise<Response> {
    const headers = new Headers({ origin, ...call.headers });
    if (call.body !== undefined) headers.set("content-type", "application/json");
    const cookie = call.jar?.header();
    if (cookie) headers.set("cookie", cookie);
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${origin}/api/auth${pathOrUrl}`;
    const response = await handler(
      new Request(url, {
        method: call.method ?? (call.body === undefined ? "GET" : "POST"),
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        redirect: "manual",
      }),
    );
    call.jar?.store(response);
    return response;
  };
}

/** A response read once: its status, its raw text (to search for secrets) and its JSON body. */
export type Answer = { status: number; text: string; body: unknown };

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, text, body };
}
