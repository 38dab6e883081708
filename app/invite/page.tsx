import type { Metadata } from "next";
import { InviteCodeForm } from "@/components/invite/invite-code-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Enter an invitation code" };

/** For invitations shared as a short code, read aloud or copied from a screen. */
export default function InviteCodePage() {
  return (
    <div className="mx-auto max-w-md px-4 py-16 sm:px-6">
      <Card className="space-y-5">
        <h1 className="text-2xl font-bold tracking-tight">Enter your invitation code</h1>
        <p className="text-sm text-zinc-600">
          Codes look like <code className="font-mono">7KQX2-M9PAR</code>. Capitals and the dash are optional.
        </p>
        <InviteCodeForm />
      </Card>
    </div>
  );
}
