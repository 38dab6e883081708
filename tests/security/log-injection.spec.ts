import { Client } from "./support/client";
import { expect, test } from "./support/fixtures";

/**
 * Better Auth logs a callbackURL its origin check refuses, as it came. With a CR/LF in it, a client could
 * write a line of its own into a plain-text log: a fake "[invite-kit]" entry, a fake sign-in, anything a
 * reader or a log parser would trust. Every line the server prints must start where the server started it.
 */
const forged = "[invite-kit] FORGED line";

/** The server's output from `from` on, split into lines, without the colour codes loggers add. */
function linesSince(output: string, from: number): string[] {
  return output
    .slice(from)
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split(/\r\n|\r|\n|\u2028|\u2029/);
}

test.describe("log injection", () => {
  test("a callbackURL with CR/LF or other line breaks is logged escaped, on one line, and forges no line of its own", async ({
    server,
  }) => {
    const from = server.output().length;
    const breaks = ["\r\n", "\n", "\r", "\u2028", "\u0085", "\u000b\u000c"];
    for (const [index, lineBreak] of breaks.entries()) {
      const callbackURL = `https://evil.example/${index}${lineBreak}${forged}`;
      // Each from an address of its own: sign-in allows 3 attempts a minute per address.
      const signIn = await new Client(server.url).api("/sign-in/email", {
        body: { email: "nobody@example.com", password: "not-the-password", callbackURL },
      });
      expect(signIn.status, JSON.stringify(lineBreak)).toBe(403);
      const verification = await new Client(server.url).api("/send-verification-email", {
        body: { email: "nobody@example.com", callbackURL },
      });
      expect(verification.status, JSON.stringify(lineBreak)).toBe(403);
    }
    // Every refusal is logged (the output reaches this process a moment after the answer)...
    await expect
      .poll(() => linesSince(server.output(), from).filter((line) => line.includes(forged)).length)
      .toBeGreaterThanOrEqual(breaks.length * 2);
    const lines = linesSince(server.output(), from);
    // ...none starts a line of its own...
    expect(lines.filter((line) => line.trimStart().startsWith(forged))).toEqual([]);
    // ...and the escaped form is still there to read.
    for (const escaped of ["\\n", "\\r", "\\u2028", "\\u0085", "\\u000b\\u000c"]) {
      expect(
        lines.some((line) => line.includes(`${escaped}${forged}`)),
        escaped,
      ).toBe(true);
    }
  });
});
