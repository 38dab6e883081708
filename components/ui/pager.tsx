import Link from "next/link";

/**
 * "← Newer · Page 2 · 11–20 · Older →" for lists read newest first (`labels` for another order). No "of N": an exact total would count every
 * row on each page load (see packages/better-auth-invite/src/list-page.ts); `hasMore` comes from reading one row more.
 */
export function Pager({
  page,
  perPage,
  shown,
  hasMore,
  href,
  labels = { previous: "← Newer", next: "Older →" },
}: {
  page: number;
  perPage: number;
  shown: number;
  hasMore: boolean;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
}) {
  // An empty page past the end says so itself, with a way back: "← Newer" would lead to another empty page.
  if ((page <= 1 && !hasMore) || shown === 0) return null;
  const first = (page - 1) * perPage + 1;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="font-semibold text-brand-600">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-zinc-500">{shown > 0 ? `Page ${page} · ${first}–${first + shown - 1}` : `Page ${page}`}</span>
      {hasMore ? (
        <Link href={href(page + 1)} className="font-semibold text-brand-600">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
