import "server-only";
import { headers as requestHeaders } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { fieldErrorsOf, formFiles, formLists, formValues, type FormState } from "@/lib/actions/form-state";
import { can, type AuthorizeRequest } from "@/lib/auth/authorization";
import { getSession, type Session } from "@/lib/auth/session";
import { isServiceUnavailable } from "@/lib/errors/unavailable";
import { isExpectedAuthError, messageForCode, messageForError, tooManyAttemptsMessage } from "@/lib/errors/messages";
import { log } from "@/lib/log";
import { limitLikeEndpoint } from "@/lib/rate-limit/like-endpoint";

/*
 * Every server action is built here, so each takes the same steps in the same order: check the session and the
 * permission inside the action (a page hiding the form is not a guard), count it against the rate limit of the
 * endpoint it stands for, parse the form with its zod schema (every field error returned, not the first), run, and
 * turn any refusal or outage into words. `redirect` is called outside the `try`, where Next's redirect signal cannot be
 * caught as an error.
 */

/** Who may run an action. */
export type Access =
  /** Anyone: the action itself is what signs people in. */
  | { kind: "public" }
  /** A signed-in person, sent to sign in (and back to `returnTo`) when there is none. */
  | { kind: "signed-in"; returnTo: (values: Record<string, string>) => string }
  /** A signed-in person whose role grants `permission`; the plugin checks again on its own. */
  | { kind: "permitted"; permission: AuthorizeRequest };

/** What `run` returns to send the browser elsewhere instead of answering the form. */
export type Redirect = { redirectTo: string };

export const redirectTo = (path: string): Redirect => ({ redirectTo: path });

/** The endpoints whose rate limit an action counts against: those that send an email, and those that check a password or a code. */
export type RateLimitedPath =
  "/invite/create" | "/invite/resend" | "/sign-in/magic-link" | "/two-factor/enable" | "/two-factor/verify-totp" | "/two-factor/disable";

type Context = {
  session: Session | null;
  headers: Headers;
  values: Record<string, string>;
  /** The files the form sent (the bulk form's CSV), unread: the action checks their size before it reads them. */
  files: Record<string, File>;
};

type Config<Schema extends z.ZodType, State extends FormState> = {
  schema: Schema;
  access: Access;
  /** The rate limit of the HTTP endpoint this action stands for, counted before anything is done. */
  rateLimit?: RateLimitedPath;
  /** What the form gets back of what was typed when it fails (never a password). All of it by default. */
  keep?: (values: Record<string, string>) => Record<string, string>;
  /** Fields sent once per ticked box: the schema gets each as a list of strings (none ticked: an empty list). */
  lists?: readonly string[];
  /** The answer for a form the schema refuses, when field errors are not it (an id nobody typed, say). */
  invalid?: (error: z.ZodError) => State;
  /** The answer for an error `run` threw, when the code's sentence alone is not it; undefined for the default. */
  refused?: (error: unknown, values: Record<string, string>) => State | undefined;
};

export const signedOutMessage = "Your session has ended. Sign in again.";

/** A server action for a form: `(previous state, FormData) => the next state`, as useActionState calls it. */
export function formAction<Schema extends z.ZodType, State extends FormState>(
  config: Config<Schema, State>,
  run: (input: z.infer<Schema>, context: Context) => Promise<State | Redirect>,
): (previous: State, formData: FormData) => Promise<State> {
  return async (_previous, formData) => {
    const values = formValues(formData);
    const kept = config.keep ? config.keep(values) : values;
    // What was typed is echoed only to someone the guard let through. (Each State only adds optional fields to
    // FormState, a shareable link or bulk results, so a plain FormState answer is one of its values.)
    let admitted = false;
    const failed = (message: string) => ({ status: "error", message, ...(admitted ? { values: kept } : {}) }) as State;

    let outcome: State | Redirect;
    try {
      const gate = await admit(config, values);
      if ("message" in gate) return failed(gate.message);
      if ("redirectTo" in gate) {
        outcome = gate;
      } else {
        admitted = true;
        const parsed = config.schema.safeParse(config.lists ? { ...values, ...formLists(formData, config.lists) } : values);
        if (!parsed.success) {
          return config.invalid
            ? config.invalid(parsed.error)
            : ({ status: "error", fieldErrors: fieldErrorsOf(parsed.error), values: kept } as State);
        }
        outcome = await run(parsed.data, { ...gate, values, files: formFiles(formData) });
      }
    } catch (error) {
      const answer = config.refused?.(error, values);
      if (answer) return answer;
      if (!isExpectedAuthError(error) && !isServiceUnavailable(error)) log.error("[invite-kit] server action failed", error);
      return failed(messageForError(error));
    }
    if ("redirectTo" in outcome) redirect(outcome.redirectTo);
    return outcome;
  };
}

/**
 * The session, the permission and the rate limit, in that order, for a non-form action too (one that answers as
 * the admin types, say): what may go on, or why not.
 */
export async function admit(
  config: { access: Access; rateLimit?: Config<z.ZodType, FormState>["rateLimit"] },
  values: Record<string, string> = {},
): Promise<{ session: Session | null; headers: Headers } | { message: string } | Redirect> {
  const headers = await requestHeaders();
  const session = config.access.kind === "public" ? null : await getSession();
  if (config.access.kind === "signed-in" && !session) {
    return redirectTo(`/sign-in?next=${encodeURIComponent(config.access.returnTo(values))}`);
  }
  if (config.access.kind === "permitted") {
    if (!session) return { message: signedOutMessage };
    if (!can(session.user, config.access.permission)) return { message: messageForCode("INSUFFICIENT_PERMISSIONS") };
  }
  if (config.rateLimit) {
    const limit = await limitLikeEndpoint(config.rateLimit, headers);
    if (!limit.allowed) return { message: tooManyAttemptsMessage(limit.retryAfter) };
  }
  return { session, headers };
}
