import Link from "next/link";

/** The title of a page under the dashboard, with the way back to it. */
export function DashboardHeading({ title, description }: { title: string; description?: string }) {
  return (
    <div>
      <Link href="/dashboard" className="text-sm text-zinc-500 hover:text-zinc-800">
        ← Dashboard
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {description && <p className="mt-1 text-sm text-zinc-600">{description}</p>}
    </div>
  );
}
