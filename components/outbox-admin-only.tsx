import { SignOutButton } from "@/components/sign-out-button";
import { Card } from "@/components/ui/card";

/** What a signed-in user who is not an admin sees at /dev/outbox in production: a way to switch to an admin account, and no email. */
export function OutboxAdminOnly() {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 sm:px-6">
      <Card className="text-center">
        <h1 className="text-2xl font-bold tracking-tight">Sign in as an admin</h1>
        <p className="mt-3 text-zinc-600">
          The outbox holds every email this app sent, with the links in them, so only admins can read it. Sign out, then sign in with an
          admin account to open it.
        </p>
        <div className="mt-8 flex justify-center">
          <SignOutButton next="/dev/outbox" label="Sign in as an admin" />
        </div>
      </Card>
    </div>
  );
}
