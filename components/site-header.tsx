import Link from "next/link";
import { isServiceUnavailable } from "@/lib/errors/unavailable";
import { outboxAccess } from "@/lib/email/outbox-access";
import { getSession } from "@/lib/auth/session";
import { HeaderLinks } from "@/components/header/header-links";
import { HeaderMenu } from "@/components/header/header-menu";

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
          Invite Kit
        </Link>
        {session === undefined ? null : (
          <>
            <div className="hidden items-center gap-2 sm:flex">
              <HeaderLinks session={session} showOutbox={showOutbox} />
            </div>
            <HeaderMenu>
              <HeaderLinks session={session} showOutbox={showOutbox} />
            </HeaderMenu>
          </>
        )}
      </nav>
    </header>
  );
}
