import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { renderEmailPreviews } from "@/lib/email/previews";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Email templates", robots: { index: false } };

/** Development only: every email template, rendered with its preview props, HTML and text. */
export default async function EmailPreviewsPage() {
  if (!getEnv().isDevelopment) notFound();
  const previews = await renderEmailPreviews();
  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-10 sm:px-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Email templates</h1>
        <p className="mt-1 text-sm text-zinc-600">
          The templates in <code className="font-mono">emails/</code>, rendered with their preview props. Edit one and this page reloads.
        </p>
      </div>
      {previews.map((preview) => (
        <section key={preview.name} aria-labelledby={`email-${preview.name}`} className="space-y-3">
          <h2 id={`email-${preview.name}`} className="text-lg font-semibold">
            {preview.subject} <span className="font-mono text-xs font-normal text-zinc-500">emails/{preview.name}.tsx</span>
          </h2>
          <iframe
            title={preview.subject}
            srcDoc={preview.html}
            sandbox=""
            className="h-[30rem] w-full rounded-2xl bg-white ring-1 ring-zinc-200"
          />
          <Card>
            <details>
              <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
              <pre className="mt-3 font-mono text-xs whitespace-pre-wrap text-zinc-700">{preview.text}</pre>
            </details>
          </Card>
        </section>
      ))}
    </div>
  );
}
