"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { checkInviteAction, createInviteAction, type CreateInviteState } from "@/lib/actions/manage-invites";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { InviteDeliveryFields } from "@/components/invite/invite-delivery-fields";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { defaultInviteLifetime, roleLabels, roleNames, roleSummaries, type RoleName } from "@/lib/auth/permissions";
import { MAX_MESSAGE_LENGTH } from "@invite-kit/better-auth";
import { type audiences, expiryChoices } from "@/lib/validations/invite";

const roleCards = roleNames.map((role) => ({ value: role, label: roleLabels[role], description: roleSummaries[role] }));

const audienceCards = [
  { value: "person", label: "One person", description: "A private invitation to one email address." },
  { value: "anyone", label: "Anyone with the link", description: "A shareable link (or code): anyone who has it can join." },
] as const satisfies readonly { value: (typeof audiences)[number]; label: string; description: string }[];

type Audience = (typeof audiences)[number];

const initialState: CreateInviteState = { status: "idle" };

/** The lifetime the server gives each role's invitation when none is chosen, said where the choice is made. */
const inDays = (seconds: number) => (seconds === 86_400 ? "1 day" : `${seconds / 86_400} days`);
const defaultLifetimeLabel = `Default (${roleNames.map((role) => `${roleLabels[role]}: ${inDays(defaultInviteLifetime[role])}`).join(", ")})`;

const audienceIn = (form: HTMLFormElement): Audience => (new FormData(form).get("audience") === "anyone" ? "anyone" : "person");
const noSubscription = () => () => {};

/**
 * The admin's invite form: a plain form posting to a server action, so it works before (and without) JavaScript.
 * `prefill`: an address and role from the URL (the Users page's "invite to a higher role"), checked by the page.
 */
export function InviteForm({ prefill }: { prefill?: { email?: string; role?: RoleName } }) {
  const [state, formAction] = useActionState(createInviteAction, initialState);
  const warning = useRecipientWarning();
  const result = useRef<HTMLDivElement>(null);
  // After a send, focus goes to what happened (not the top of the page), where a screen reader reads it.
  useEffect(() => {
    if (state.status !== "idle" && (state.message || state.status === "success")) result.current?.focus();
    else if (state.status === "error") result.current?.closest("form")?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  const values = state.status === "error" ? (state.values ?? {}) : { email: prefill?.email };
  // The kind and role of the last invitation stay chosen after it is sent, or refused.
  const kept = state.values ?? {};
  const [audience, setAudience] = useState<Audience>(kept.audience === "anyone" ? "anyone" : "person");
  const hasEmail = audience === "person";
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // Once the admin edits the form, the email's error from the last submit is stale: the live warning speaks instead.
  const [editedAfter, setEditedAfter] = useState<CreateInviteState | null>(null);
  const errors = state.fieldErrors ?? {};
  const emailErrors = editedAfter === state ? undefined : errors.email;
  const chosenRole = (roleNames as readonly string[]).includes(kept.role ?? "") ? (kept.role as RoleName) : (prefill?.role ?? "user");
  return (
    <form
      action={formAction}
      onChange={(event) => {
        setEditedAfter(state);
        setAudience(audienceIn(event.currentTarget));
        warning.check(event);
      }}
      onReset={(event) => {
        // React resets the form once the action answered; the fields then hold what the answer gave them.
        const form = event.currentTarget;
        setTimeout(() => setAudience(audienceIn(form)));
      }}
      // A question still pending would otherwise come back after the send, about the invitation just made.
      onSubmit={() => warning.reset()}
      className="space-y-6"
      noValidate
    >
      <div ref={result} tabIndex={-1} className="empty:hidden focus:outline-none">
        {state.status === "error" && state.message && <Alert tone="error">{state.message}</Alert>}
        {state.status === "success" && state.message && (
          <Alert tone="success">
            <p>{state.message}</p>
            {state.shareable && (
              <div className="mt-3 flex items-center gap-2 rounded-lg bg-white p-2 ring-1 ring-emerald-200">
                <code data-testid="shareable-invite" className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-800">
                  {state.shareable.value}
                </code>
                <CopyButton value={state.shareable.value} />
              </div>
            )}
          </Alert>
        )}
      </div>

      <ChoiceCards
        legend="Who is it for?"
        name="audience"
        choices={audienceCards}
        defaultValue={audience}
        errors={errors.audience}
        columns="sm:grid-cols-2"
      />

      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        placeholder="name@example.com"
        hint={
          hasEmail || !hydrated
            ? "The invitation is emailed here, unless you copy its link instead (below)."
            : "Not needed: a shareable link is for anyone who holds it."
        }
        defaultValue={values.email}
        disabled={hydrated && !hasEmail}
        errors={emailErrors}
      />
      {/* Said while typing, before anything is sent: the server refuses the same mistakes when the form is posted. */}
      <p role="status" aria-live="polite" data-testid="recipient-warning" className="-mt-4 text-sm text-amber-800 empty:hidden">
        {emailErrors ? "" : warning.text}
      </p>

      <ChoiceCards legend="Role" name="role" choices={roleCards} defaultValue={chosenRole} errors={errors.role} />

      <TextAreaField
        label="Personal message (optional)"
        name="message"
        rows={3}
        maxLength={MAX_MESSAGE_LENGTH}
        placeholder="Hi Grace, welcome to the team!"
        hint="Shown in the invitation email and on the invitation page, as plain text."
        defaultValue={values.message}
        errors={errors.message}
      />

      <InviteDeliveryFields
        hasEmail={hydrated ? hasEmail : null}
        copyLink={values.copyLink === "on"}
        allowedDomains={values.allowedDomains}
        errors={errors}
      />

      {/* Opened by the server too, so an error inside it is seen without JavaScript. */}
      <details
        open={Boolean(errors.expiresIn || errors.maxUses || errors.tokenType) || undefined}
        className="group rounded-xl bg-zinc-50 p-4 ring-1 ring-zinc-200"
      >
        <summary className="cursor-pointer text-sm font-medium text-zinc-800">Advanced settings</summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <div className="space-y-1.5">
            <label htmlFor="field-expiresIn" className="block text-sm font-medium text-zinc-800">
              Expires after
            </label>
            <select
              id="field-expiresIn"
              name="expiresIn"
              defaultValue=""
              className="block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600"
            >
              <option value="">{defaultLifetimeLabel}</option>
              {expiryChoices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            {errors.expiresIn && <p className="text-sm text-red-600">{errors.expiresIn.join(" ")}</p>}
          </div>
          <TextField
            label="Max uses (links only)"
            name="maxUses"
            type="number"
            min={1}
            max={10000}
            placeholder="1"
            defaultValue={state.status === "error" ? state.values?.maxUses : undefined}
            errors={errors.maxUses}
          />
          <div className="space-y-1.5">
            <label htmlFor="field-tokenType" className="block text-sm font-medium text-zinc-800">
              Link or code
            </label>
            <select
              id="field-tokenType"
              name="tokenType"
              defaultValue="token"
              className="block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-brand-600"
            >
              <option value="token">Link</option>
              <option value="code">Short code</option>
            </select>
          </div>
        </div>
      </details>

      <SubmitButton pendingLabel="Sending...">Send Invitation</SubmitButton>
    </form>
  );
}

/** Asks the server, once the admin pauses typing, whether the address and role would be refused, and why. */
function useRecipientWarning() {
  const [text, setText] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  function check(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const role = String(form.get("role") ?? "");
    clearTimeout(timer.current);
    if (!email.includes("@")) {
      setText("");
      return;
    }
    const asked = ++latest.current;
    timer.current = setTimeout(async () => {
      const { warning } = await checkInviteAction({ email, role }).catch(() => ({ warning: null }));
      // An answer to an older question must not overwrite the newer one's.
      if (asked === latest.current) setText(warning ?? "");
    }, 350);
  }
  function reset() {
    clearTimeout(timer.current);
    latest.current++;
    setText("");
  }
  return { text, check, reset };
}
