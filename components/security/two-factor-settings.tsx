"use client";

import { useActionState } from "react";
import { confirmTwoFactorAction, disableTwoFactorAction, enableTwoFactorAction, type TwoFactorSetupState } from "@/lib/actions/two-factor";
import { idleState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

/** The secret in groups of four, as authenticator apps show it and people type it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Off: the password turns it on, which shows the secret (as an otpauth:// address and as text to type) and the backup
 * codes, once; a first code from the app confirms it. On: the password turns it off.
 */
export function TwoFactorSettings({ enabled }: { enabled: boolean }) {
  const [setupState, enable] = useActionState<TwoFactorSetupState, FormData>(enableTwoFactorAction, idleState);
  const [confirmState, confirm] = useActionState(confirmTwoFactorAction, idleState);
  const [disableState, disable] = useActionState(disableTwoFactorAction, idleState);

  if (enabled) {
    return (
      <form action={disable} className="space-y-4" noValidate>
        {disableState.message && <Alert tone="error">{disableState.message}</Alert>}
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={disableState.fieldErrors?.password}
        />
        <SubmitButton variant="secondary" pendingLabel="Turning off...">
          Turn off two-factor authentication
        </SubmitButton>
      </form>
    );
  }

  const setup = setupState.setup;
  if (!setup) {
    return (
      <form action={enable} className="space-y-4" noValidate>
        {setupState.message && <Alert tone="error">{setupState.message}</Alert>}
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={setupState.fieldErrors?.password}
        />
        <SubmitButton pendingLabel="Setting up...">Turn on two-factor authentication</SubmitButton>
      </form>
    );
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="two-factor-secret" className="space-y-3">
        <h3 id="two-factor-secret" className="font-semibold">
          1. Add Invite Kit to your authenticator app
        </h3>
        <p className="text-sm text-zinc-600">Open this address on the device with the app, or type the key into it.</p>
        <div className="flex items-center gap-2 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-200 ring-inset">
          <code data-testid="totp-uri" className="min-w-0 flex-1 text-xs break-all text-zinc-800">
            {setup.totpURI}
          </code>
          <CopyButton value={setup.totpURI} />
        </div>
        <p className="text-sm text-zinc-600">
          Key:{" "}
          <code data-testid="totp-secret" className="font-mono text-zinc-900">
            {grouped(setup.secret)}
          </code>
        </p>
      </section>
      <section aria-labelledby="two-factor-backup" className="space-y-3">
        <h3 id="two-factor-backup" className="font-semibold">
          2. Keep your backup codes
        </h3>
        <p className="text-sm text-zinc-600">
          Each one signs you in once without the app. Store them somewhere safe: they are shown only now.
        </p>
        <ul aria-label="Backup codes" className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5">
          {setup.backupCodes.map((code) => (
            <li key={code} className="rounded-md bg-zinc-50 px-2 py-1 text-center ring-1 ring-zinc-200 ring-inset">
              {code}
            </li>
          ))}
        </ul>
      </section>
      <form action={confirm} className="space-y-4" noValidate aria-labelledby="two-factor-confirm">
        <h3 id="two-factor-confirm" className="font-semibold">
          3. Enter the code the app shows
        </h3>
        {confirmState.message && <Alert tone="error">{confirmState.message}</Alert>}
        <TextField
          label="6-digit code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          errors={confirmState.fieldErrors?.code}
        />
        <SubmitButton pendingLabel="Checking...">Confirm and turn on</SubmitButton>
      </form>
    </div>
  );
}
