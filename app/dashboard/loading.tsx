export default function DashboardLoading() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-12 sm:px-6" aria-busy="true" aria-label="Loading your dashboard">
      <div className="h-9 w-64 animate-pulse rounded-lg bg-zinc-200" />
      <div className="h-40 animate-pulse rounded-2xl bg-zinc-200" />
      <div className="h-32 animate-pulse rounded-2xl bg-zinc-200" />
    </div>
  );
}
