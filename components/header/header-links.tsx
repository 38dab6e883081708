import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { SignOutButton } from "@/components/sign-out-button";
import { ButtonLink } from "@/components/ui/button";
import { can } from "@/lib/auth/authorization";
import type { Session } from "@/lib/auth/session";

const linkClasses = "rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900";

/** The header's links, the same on a wide screen (in a row) and on a phone (in the menu). */
export function HeaderLinks({ session, showOutbox }: { session: Session | null; showOutbox: boolean }) {
  return (
    <>
      {showOutbox && (
        <NavLink href="/dev/outbox" className={linkClasses}>
          Outbox
        </NavLink>
      )}
      {session ? (
        <>
          <NavLink href="/dashboard" className={linkClasses}>
            Dashboard
          </NavLink>
          {can(session.user, { invite: ["create"] }) && (
            <NavLink href="/dashboard/invites" className={linkClasses}>
              Invitations
            </NavLink>
          )}
          {can(session.user, { user: ["list"] }) && (
            <NavLink href="/dashboard/users" className={linkClasses}>
              Users
            </NavLink>
          )}
          <SignOutButton variant="ghost" />
        </>
      ) : (
        <>
          <Link href="/sign-in" className={linkClasses}>
            Sign in
          </Link>
          <ButtonLink href="/sign-up" className="px-3 py-2">
            Sign up
          </ButtonLink>
        </>
      )}
    </>
  );
}
