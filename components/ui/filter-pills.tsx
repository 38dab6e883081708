import Link from "next/link";

/** A row of links that filter a list, the current one marked for screen readers too. */
export function FilterPills({
  label,
  filters,
}: {
  label: string;
  filters: { key: string; label: string; href: string; active: boolean }[];
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {filters.map((filter) => (
        <Link
          key={filter.key}
          href={filter.href}
          aria-current={filter.active ? "page" : undefined}
          className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${filter.active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50"}`}
        >
          {filter.label}
        </Link>
      ))}
    </nav>
  );
}
