import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** What a signed-in user who is not an admin sees on an admin page. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 sm:px-6">
      <Card className="text-center">
        <h1 className="text-2xl font-bold tracking-tight">Not allowed</h1>
        <p className="mt-3 text-zinc-600">Only admins can {what}. Ask an admin if you need it.</p>
        <ButtonLink href="/dashboard" className="mt-8">
          Go to Dashboard
        </ButtonLink>
      </Card>
    </div>
  );
}
