// No imports from the app: both the in-process tests and the Playwright suites use it.

/** Keeps the cookies a server sets, and sends them back, as a browser would. */
export class CookieJar {
  /** Name to value: a test may copy them, e.g. into a browser context or another client. */
  readonly cookies = new Map<string, string>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const separator = pair!.indexOf("=");
      const name = pair!.slice(0, separator).trim();
      const value = pair!.slice(separator + 1).trim();
      if (value === "" || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}
