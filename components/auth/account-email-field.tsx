import { TextField } from "@/components/ui/text-field";

/**
 * The email field of sign-in and sign-up. Opened from a private invitation, it holds the address the invitation was
 * sent to, read-only (the action refuses any other too).
 */
export function AccountEmailField({ invitedEmail, typed, errors }: { invitedEmail?: string; typed?: string; errors?: string[] }) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      required
      readOnly={invitedEmail !== undefined}
      hint={invitedEmail !== undefined ? "Your invitation was sent to this address." : undefined}
      defaultValue={invitedEmail ?? typed}
      errors={errors}
    />
  );
}
