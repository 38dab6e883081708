import { Alert } from "@/components/ui/alert";
import { signInLinkErrorMessage } from "@/lib/errors/messages";

/** On the page a failed sign-in link lands on (lib/actions/magic-link.ts sends it there with `via=magic-link`): why. */
export function SignInLinkError({ via, error }: { via: unknown; error: unknown }) {
  if (via !== "magic-link" || typeof error !== "string" || error === "") return null;
  return (
    <div className="mb-5">
      <Alert tone="error">{signInLinkErrorMessage(error)}</Alert>
    </div>
  );
}
