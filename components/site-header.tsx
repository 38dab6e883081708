import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { can } from "@/lib/auth/authorization";
import { isServiceUnavailable } from "@/lib/errors/unavailable";
import { outboxAccess } from "@/lib/email/outbox-access";
import { getSession } from "@/lib/auth/session";
import { ButtonLink } from "@/components/ui/button";
import { SignOutButton } from "@/components/sign-out-button";

export async function SiteHeader() {
  // The header is in the root layout: during a database outage it drops the account links
  // instead of failing the layout, so the page's own error page can show.
  const session = await getSession().catch((error: unknown) => {
    if (isServiceUnavailable(error)) return undefined;
    throw error;
  });
  // Linked only for those who may read it: in production, admins.
  const showOutbox = (await outboxAccess(async () => session ?? null)) === "ALLOWED";
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap text-zinc-900">
          <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-brand-600 text-xs font-bold text-white">
            IK
          </span>
          {/* On a phone the mark alone: the name would push the account links off the screen. */}
          <span className="sr-only sm:not-sr-only">Invite Kit</span>
        </Link>
        <div className="flex items-center gap-1 sm:gap-2">
          {showOutbox && (
            // On a phone the header keeps to the links people need most; the home page links the outbox too.
            <NavLink
              href="/dev/outbox"
              className="hidden rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:inline-block"
            >
              Outbox
            </NavLink>
          )}
          {session === undefined ? null : session ? (
            <>
              <NavLink
                href="/dashboard"
                className="rounded-lg px-2 py-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:px-3"
              >
                Dashboard
              </NavLink>
              {can(session.user, { invite: ["create"] }) && (
                <NavLink
                  href="/dashboard/invites"
                  className="rounded-lg px-2 py-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:px-3"
                >
                  Invitations
                </NavLink>
              )}
              <SignOutButton variant="ghost" />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
                Sign in
              </Link>
              <ButtonLink href="/sign-up" className="px-3 py-2">
                Sign up
              </ButtonLink>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
