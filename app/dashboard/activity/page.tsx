import type { Metadata } from "next";
import Link from "next/link";
import { eventLabel, InviteEventRow } from "@/components/activity/invite-event-row";
import { UserEventRow } from "@/components/activity/user-event-row";
import { AdminOnly } from "@/components/admin-only";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { FilterPills } from "@/components/ui/filter-pills";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/authorization";
import { type ActivityFilter, activityFilters, EVENTS_PER_PAGE, listActivityPage } from "@/lib/activity/feed";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Activity" };

function filterFrom(value: unknown): ActivityFilter | undefined {
  return activityFilters.find((filter) => filter === value);
}

/** A filter's name on its pill and in the empty list's sentence. */
function filterLabel(filter: ActivityFilter): string {
  return filter === "accounts" ? "Accounts" : eventLabel(filter);
}

export default async function ActivityPage({ searchParams }: PageProps<"/dashboard/activity">) {
  const { user } = await requireSession("/dashboard/activity");
  if (!can(user, { user: ["list"] })) return <AdminOnly what="read the activity log" />;
  const params = await searchParams;
  const type = filterFrom(params.type);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  const { items, hasMore } = await listActivityPage({ filter: type, page });
  const href = (target: { type?: ActivityFilter; page?: number }) => {
    const query = new URLSearchParams({
      ...(target.type ? { type: target.type } : {}),
      ...(target.page && target.page > 1 ? { page: String(target.page) } : {}),
    });
    return `/dashboard/activity${query.size > 0 ? `?${query}` : ""}`;
  };

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-12 sm:px-6">
      <DashboardHeading
        title="Activity"
        description="Everything that happened to every invitation and account, newest first: who created, sent, revoked, declined or accepted an invitation; who changed someone's role, banned, unbanned or removed them; and when. Nothing here is ever deleted."
      />
      <FilterPills
        label="Filter by event"
        filters={[undefined, ...activityFilters].map((filter) => ({
          key: filter ?? "all",
          label: filter ? filterLabel(filter) : "All",
          href: href({ type: filter }),
          active: filter === type,
        }))}
      />
      {items.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">
          {type
            ? `No “${filterLabel(type).toLowerCase()}” events${page > 1 ? " on this page" : " yet"}.`
            : page > 1
              ? "Nothing on this page."
              : "Nothing has happened yet. Invitations you send, what becomes of them, and what admins do to accounts appear here."}
          {(type || page > 1) && (
            <p className="mt-2">
              <Link href="/dashboard/activity" className="font-semibold text-brand-600 hover:text-brand-700">
                Show all activity
              </Link>
            </p>
          )}
        </div>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-2xl bg-white ring-1 ring-zinc-200">
          {items.map((item) =>
            item.source === "invite" ? (
              <InviteEventRow key={item.event.id} event={item.event} />
            ) : (
              <UserEventRow key={item.event.id} event={item.event} />
            ),
          )}
        </ol>
      )}
      <Pager page={page} perPage={EVENTS_PER_PAGE} shown={items.length} hasMore={hasMore} href={(target) => href({ type, page: target })} />
    </div>
  );
}
