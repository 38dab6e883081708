import { inspect } from "node:util";
import type { BetterAuthOptions } from "better-auth";

/**
 * Every line the server logs is made here. A log line may quote what a client sent (Better Auth logs a
 * refused callbackURL as it came; the app logs failed calls with their errors), and a CR or LF in it would
 * start a line of the client's own: a forged entry that a reader, or a log parser, takes for the server's.
 * So all text is escaped before it is printed, and each entry is printed as one string: never as a format
 * string with arguments, where a client's `%s` or `%o` would pull in the next argument.
 */

// C0 and C1 controls, DEL, and the two separators JavaScript and many viewers break lines at.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED_ESCAPES: Partial<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` on one line, with every control character written as an escape (`\r`, `\n`, `\u2028`), still readable. */
export function escapeForLog(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    (character) => NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Stack frames come from the code, not from a client: only they may keep lines of their own, each indented. */
const FRAME = /^ {4}at /;

function describeError(error: Error, depth: number): string {
  const stack = error.stack ?? "";
  // V8 starts the stack with the name and message, which may hold a client's text: only what follows are frames.
  const messageAt = error.message ? stack.indexOf(error.message) : -1;
  const frames = (messageAt >= 0 ? stack.slice(messageAt + error.message.length) : stack).split("\n").filter((line) => FRAME.test(line));
  const details = Object.entries(error);
  const lines = [
    escapeForLog(
      `${error.name}: ${error.message}${details.length > 0 ? ` ${inspect(Object.fromEntries(details), { breakLength: Infinity, depth: 3 })}` : ""}`,
    ),
    ...frames.map(escapeForLog),
  ];
  if (error.cause !== undefined && depth < 3) lines.push(`    [cause] ${describe(error.cause, depth + 1)}`);
  return lines.join("\n");
}

/** One argument as log text: strings escaped, errors as described above, anything else inspected on one line. */
function describe(value: unknown, depth = 0): string {
  if (typeof value === "string") return escapeForLog(value);
  if (value instanceof Error) return describeError(value, depth);
  return escapeForLog(inspect(value, { breakLength: Infinity, depth: 4 }));
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export function writeLog(level: LogLevel, message: string, ...args: unknown[]): void {
  console[level]([escapeForLog(message), ...args.map((arg) => describe(arg))].join(" "));
}

/** The app's server log. Use it, not `console`, wherever a line may hold request data. */
export const log = {
  info: (message: string, ...args: unknown[]) => writeLog("info", message, ...args),
  warn: (message: string, ...args: unknown[]) => writeLog("warn", message, ...args),
  error: (message: string, ...args: unknown[]) => writeLog("error", message, ...args),
};

/**
 * Better Auth's `logger` option: the same escaping, in Better Auth's own line format (without colours), so
 * that what already searches its lines (`ERROR [Better Auth]: Invalid callbackURL: …`) still finds them.
 * Better Auth itself, and the invite plugin through `ctx.context.logger`, log through it.
 */
export const authLogger: NonNullable<BetterAuthOptions["logger"]> = {
  level: "warn",
  log(level, message, ...args) {
    writeLog(level, `${new Date().toISOString()} ${level.toUpperCase()} [Better Auth]: ${message}`, ...args);
  },
};
