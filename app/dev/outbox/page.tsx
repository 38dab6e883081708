import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { OutboxAdminOnly } from "@/components/outbox-admin-only";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/db";
import { linksIn } from "@/lib/email/links";
import { findOutboxEmail, listOutboxEmails } from "@/lib/email/outbox";
import { outboxAccess } from "@/lib/email/outbox-access";
import { getSession } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/preferences/time-zone";
import { exactTime } from "@/lib/time";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

export default async function OutboxPage({ searchParams }: PageProps<"/dev/outbox">) {
  // The page checks for itself (a proxy or layout alone is not a guard): in production, admins only.
  const access = await outboxAccess(getSession);
  if (access === "NOT_FOUND") notFound();
  if (access === "UNAUTHORIZED") redirect(`/sign-in?next=${encodeURIComponent("/dev/outbox")}`);
  if (access === "FORBIDDEN") return <OutboxAdminOnly />;
  const params = await searchParams;
  const timeZone = await viewerTimeZone();
  const db = getDb();
  const emails = await listOutboxEmails(db, { limit: 200 });
  const selectedId = typeof params.id === "string" ? params.id : emails[0]?.id;
  const selected = selectedId ? await findOutboxEmail(db, selectedId) : undefined;

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <div className="mb-6">
        <h1 className="text-3xl font-bold tracking-tight">Outbox</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Emails the app would have sent. Set <code className="font-mono">RESEND_API_KEY</code> to send them for real; the same list is JSON
          at{" "}
          <a className="font-mono text-brand-600 hover:underline" href="/api/dev/outbox">
            /api/dev/outbox
          </a>
          .
        </p>
      </div>
      {emails.length === 0 ? (
        <Card className="text-center">
          <h2 className="font-semibold">No emails yet</h2>
          <p className="mt-2 text-sm text-zinc-600">Sign up or send an invitation, and the email shows up here.</p>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_1fr]">
          <nav aria-label="Emails">
            <ul className="divide-y divide-zinc-200 overflow-hidden rounded-2xl bg-white ring-1 ring-zinc-200">
              {emails.map((email) => {
                const current = email.id === selected?.id;
                return (
                  <li key={email.id}>
                    <Link
                      href={`/dev/outbox?id=${email.id}`}
                      aria-current={current ? "page" : undefined}
                      className={`block px-4 py-3 text-sm hover:bg-zinc-50 ${current ? "bg-brand-50" : ""}`}
                    >
                      <span className="block truncate font-medium text-zinc-900">{email.subject}</span>
                      <span className="block truncate text-zinc-600">{email.to}</span>
                      <time className="block text-xs text-zinc-600" dateTime={email.createdAt.toISOString()}>
                        {exactTime(email.createdAt, timeZone)}
                      </time>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          {selected ? (
            <article aria-labelledby="email-subject" className="space-y-4">
              <Card className="space-y-1 text-sm">
                <h2 id="email-subject" className="text-lg font-semibold">
                  {selected.subject}
                </h2>
                <p className="text-zinc-600">
                  To <span className="font-medium text-zinc-900">{selected.to}</span> · From {selected.from}
                </p>
                {linksIn(selected.html).length > 0 && (
                  <div className="pt-3">
                    <h3 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase">Links in this email</h3>
                    <ul className="mt-1 space-y-1">
                      {linksIn(selected.html).map((href) => (
                        <li key={href}>
                          <a href={href} className="font-mono text-xs break-all text-brand-600 hover:underline" data-testid="outbox-link">
                            {href}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </Card>
              {/* sandboxed: an email's HTML runs no script and cannot reach this page */}
              <iframe
                title={`HTML of “${selected.subject}”`}
                srcDoc={selected.html}
                sandbox=""
                className="h-[32rem] w-full rounded-2xl bg-white ring-1 ring-zinc-200"
              />
              <details className="rounded-2xl bg-white p-4 text-sm ring-1 ring-zinc-200">
                <summary className="cursor-pointer font-medium">Plain-text part</summary>
                <pre className="mt-3 font-mono text-xs whitespace-pre-wrap text-zinc-700">{selected.text}</pre>
              </details>
            </article>
          ) : (
            <Card>
              <p className="text-sm text-zinc-600">That email is not in the outbox.</p>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
