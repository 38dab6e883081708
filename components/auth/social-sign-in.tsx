"use client";

import { useActionState } from "react";
import { idleState } from "@/lib/actions/form-state";
import { socialSignInAction } from "@/lib/actions/social-sign-in";
import type { SignInProvider } from "@/lib/auth/sign-in-providers";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Continue with GitHub", "Continue with Google", "Continue with <SSO>": one button for each provider the server has
 * configured (none: nothing at all), above the password form, with "or" between them.
 */
export function SocialSignIn({
  providers,
  next,
  from,
  or = "after",
}: {
  providers: SignInProvider[];
  next?: string;
  from: "sign-in" | "sign-up";
  /** Where the "or" goes: after the buttons (above a password form), or before them (below other choices). */
  or?: "before" | "after";
}) {
  if (providers.length === 0) return null;
  return (
    <div className="space-y-5">
      {or === "before" && <Or />}
      <div className="space-y-3">
        {providers.map((provider) => (
          <ProviderButton key={provider.id} provider={provider} next={next} from={from} />
        ))}
      </div>
      {or === "after" && <Or />}
    </div>
  );
}

function Or() {
  return (
    <div className="flex items-center gap-3 text-xs text-zinc-500" aria-hidden>
      <span className="h-px flex-1 bg-zinc-200" />
      or
      <span className="h-px flex-1 bg-zinc-200" />
    </div>
  );
}

function ProviderButton({ provider, next, from }: { provider: SignInProvider; next?: string; from: "sign-in" | "sign-up" }) {
  const [state, formAction] = useActionState(socialSignInAction, idleState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="provider" value={provider.id} />
      <input type="hidden" name="from" value={from} />
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton variant="secondary" pendingLabel={`Opening ${provider.label}...`} className="w-full">
        Continue with {provider.label}
      </SubmitButton>
    </form>
  );
}
