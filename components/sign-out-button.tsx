import { signOutAction } from "@/lib/actions/auth";
import type { ButtonVariant } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

/** A form, not a link: signing out changes state, so it is a POST and works without JavaScript. */
export function SignOutButton({
  variant = "secondary",
  next,
  label = "Sign out",
}: {
  variant?: ButtonVariant;
  next?: string;
  label?: string;
}) {
  return (
    <form action={signOutAction}>
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton variant={variant} pendingLabel="Signing out..." className="px-3 py-2 whitespace-nowrap">
        {label}
      </SubmitButton>
    </form>
  );
}
