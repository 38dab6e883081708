import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger, escapeForLog, log } from "@/lib/log";

const forged = "[invite-kit] FORGED line";

/** What one call printed, through the console method it used. */
function printed(level: "info" | "warn" | "error", write: () => void): string[] {
  const calls: unknown[][] = [];
  const spy = vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void calls.push(args));
  try {
    write();
  } finally {
    spy.mockRestore();
  }
  // One string per entry: a client's `%s` must never be read as a format string.
  for (const call of calls) expect(call).toHaveLength(1);
  return calls.map((call) => String(call[0]));
}

/** The lines a log file would show, split wherever a viewer might break one. */
const linesOf = (output: string[]) => output.join("\n").split(/\r\n|\r|\n|\u2028|\u2029|\u0085|\u000b|\u000c/);

afterEach(() => vi.restoreAllMocks());

describe("escapeForLog", () => {
  it.each([
    ["a\r\nb", "a\\r\\nb"],
    ["a\tb", "a\\tb"],
    ["a\u0000b\u001bc\u007fd", "a\\u0000b\\u001bc\\u007fd"],
    ["a\u0085b\u009fc", "a\\u0085b\\u009fc"],
    ["a\u2028b\u2029c", "a\\u2028b\\u2029c"],
  ])("writes the control characters of %j as escapes", (text, escaped) => {
    expect(escapeForLog(text)).toBe(escaped);
  });

  it("leaves printable text, accents and emoji alone", () => {
    expect(escapeForLog("Zoë ∕ 🙂 https://example.com/?a=1")).toBe("Zoë ∕ 🙂 https://example.com/?a=1");
  });
});

describe("the server log", () => {
  it("prints what a client sent on the entry's own line, in the message and in string arguments", () => {
    const output = printed("error", () =>
      log.error(`[invite-kit] refused https://evil.example/\r\n${forged}`, `\n${forged}`, `\u2028${forged}`),
    );
    expect(linesOf(output)).toHaveLength(1);
    expect(output[0]).toContain(`https://evil.example/\\r\\n${forged}`);
    expect(output[0]).toContain(`\\n${forged}`);
    expect(output[0]).toContain(`\\u2028${forged}`);
  });

  it("never reads a client's text as a format string", () => {
    const output = printed("warn", () => log.warn("[invite-kit] for %s and %o", "next"));
    expect(output).toEqual(["[invite-kit] for %s and %o next"]);
  });

  it("prints an error's message escaped and keeps its stack frames, each on an indented line", () => {
    const error = new Error(`bad callback\r\n${forged}`, { cause: new Error(`cause\n${forged}`) });
    const output = printed("error", () => log.error("[invite-kit] sign-in failed", error));
    const lines = linesOf(output);
    expect(lines[0]).toBe(`[invite-kit] sign-in failed Error: bad callback\\r\\n${forged}`);
    expect(lines.slice(1).every((line) => /^ {4}(at |\[cause\] )/.test(line))).toBe(true);
    expect(lines.some((line) => line.includes(`cause\\n${forged}`))).toBe(true);
    expect(lines.some((line) => line.startsWith("    at "))).toBe(true);
  });

  it("prints other values inspected on one line, their strings escaped", () => {
    const output = printed("info", () =>
      log.info("[invite-kit] details", { callbackURL: `/x\u2028${forged}`, nested: { list: ["\r\n"] } }),
    );
    expect(linesOf(output)).toHaveLength(1);
    expect(output[0]).toContain(`\\u2028${forged}`);
  });

  it("gives Better Auth a logger that escapes its lines and keeps its format", () => {
    expect(authLogger.level).toBe("warn");
    const output = printed("error", () =>
      authLogger.log!("error", `Invalid callbackURL: https://evil.example/\r\n${forged}`, { secFetchSite: `\n${forged}` }),
    );
    expect(linesOf(output)).toHaveLength(1);
    expect(output[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR \[Better Auth\]: Invalid callbackURL: https:\/\/evil\.example\/\\r\\n\[invite-kit\] FORGED line /,
    );
  });
});
