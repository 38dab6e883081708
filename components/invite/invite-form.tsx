"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { checkInviteAction, createInviteAction, type CreateInviteState } from "@/lib/actions/manage-invites";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { InviteDeliveryFields } from "@/components/invite/invite-delivery-fields";
import { defaultInviteLifetime, roleLabels, roleNames, roleSummaries } from "@/lib/auth/permissions";
import { MAX_MESSAGE_LENGTH } from "@invite-kit/better-auth";
import { expiryChoices } from "@/lib/validations/invite";

const roleCards = roleNames.map((role) => ({ value: role, label: roleLabels[role], description: roleSummaries[role] }));

const initialState: CreateInviteState = { status: "idle" };

/** The lifetime the server gives each role's invitation when none is chosen, said where the choice is made. */
const inDays = (seconds: number) => (seconds === 86_400 ? "1 day" : `${seconds / 86_400} days`);
const defaultLifetimeLabel = `Default (${roleNames.map((role) => `${roleLabels[role]}: ${inDays(defaultInviteLifetime[role])}`).join(", ")})`;

const emailIn = (form: HTMLFormElement) => String(new FormData(form).get("email") ?? "").trim() !== "";
const noSubscription = () => () => {};

/** The admin's invite form: a plain form posting to a server action, so it works before (and without) JavaScript. */
export function InviteForm() {
  const [state, formAction] = useActionState(createInviteAction, initialState);
  const warning = useRecipientWarning();
  const values = state.status === "error" ? (state.values ?? {}) : {};
  // Whether the invitation is to one address, which decides the delivery choices that apply. Unknown until the page
  // runs JavaScript: the server's HTML leaves both choices open.
  const [hasEmail, setHasEmail] = useState(Boolean(values.email));
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // Once the admin edits the form, the email's error from the last submit is stale: the live warning speaks instead.
  const [editedAfter, setEditedAfter] = useState<CreateInviteState | null>(null);
  const errors = state.fieldErrors ?? {};
  const emailErrors = editedAfter === state ? undefined : errors.email;
  const chosenRole = state.status === "error" ? (state.values?.role ?? "user") : "user";
  return (
    <form
      action={formAction}
      onChange={(event) => {
        setEditedAfter(state);
        setHasEmail(emailIn(event.currentTarget));
        warning.check(event);
      }}
      onReset={(event) => {
        // React resets the form once the action answered; the fields then hold what the answer gave them.
        const form = event.currentTarget;
        setTimeout(() => setHasEmail(emailIn(form)));
      }}
      // A question still pending would otherwise come back after the send, about the invitation just made.
      onSubmit={() => warning.reset()}
      className="space-y-6"
      noValidate
    >
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

      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        placeholder="name@example.com"
        hint="Leave empty to make a shareable link or code instead of a private invitation."
        defaultValue={values.email}
        errors={emailErrors}
      />
      {/* Said while typing, before anything is sent: the server refuses the same mistakes when the form is posted. */}
      <p role="status" aria-live="polite" data-testid="recipient-warning" className="-mt-4 text-sm text-amber-800 empty:hidden">
        {emailErrors ? "" : warning.text}
      </p>

      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Role</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {roleCards.map((card) => (
            <label
              key={card.value}
              className="relative flex cursor-pointer flex-col rounded-xl bg-white p-4 ring-1 ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input type="radio" name="role" value={card.value} defaultChecked={card.value === chosenRole} className="sr-only" />
              <span className="text-sm font-semibold text-zinc-900">{card.label}</span>
              <span className="text-xs text-zinc-600">{card.description}</span>
            </label>
          ))}
        </div>
        {errors.role && <p className="mt-1.5 text-sm text-red-600">{errors.role.join(" ")}</p>}
      </fieldset>

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
