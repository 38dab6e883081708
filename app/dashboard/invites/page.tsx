import type { Metadata } from "next";
import { DashboardHeading } from "@/components/dashboard/dashboard-heading";
import { BulkInviteForm } from "@/components/invite/bulk-invite-form";
import { InviteForm } from "@/components/invite/invite-form";
import { InviteSearch } from "@/components/invite/invite-search";
import { InviteBulkBar } from "@/components/invite/invite-bulk-bar";
import { actionableIds, InviteFilters, InviteSortPills, InvitesTable } from "@/components/invite/invites-table";
import { AdminOnly } from "@/components/admin-only";
import { Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { InvitationQuotaNote } from "@/components/invite/invitation-quota-note";
import { can } from "@/lib/auth/authorization";
import { grantableRoles } from "@/lib/auth/permissions";
import { myInvitationQuota } from "@/lib/invitations/quota";
import { listInvitesPage } from "@/lib/invitations/list";
import { INVITES_PER_PAGE, invitesHref, orderOf, parseInvitesQuery } from "@/lib/invitations/list-query";
import { requireSession } from "@/lib/auth/session";
import { invitePrefillSchema } from "@/lib/validations/invite";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitesPage({ searchParams }: PageProps<"/dashboard/invites">) {
  const { user } = await requireSession("/dashboard/invites");
  if (!can(user, { invite: ["create"] })) return <AdminOnly what="send invitations" />;
  const params = await searchParams;
  const query = parseInvitesQuery(params);
  const prefill = invitePrefillSchema.parse(params);
  // A role the admin may not grant is not offered pre-chosen.
  if (prefill.role && !grantableRoles(user).includes(prefill.role)) prefill.role = undefined;
  const [{ invitations, hasMore }, quota] = await Promise.all([listInvitesPage(query), myInvitationQuota()]);
  const pageHref = (target: number) => invitesHref({ ...query, page: target });
  const order = orderOf(query);
  // "Newer" and "Older" say where the pages lead only when the table is newest first.
  const pagerLabels = order.sort === "created" && order.dir === "desc" ? undefined : { previous: "← Previous", next: "Next →" };

  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-12 sm:px-6">
      <DashboardHeading title="Invitations" />
      <InvitationQuotaNote quota={quota} />
      <Card>
        <h2 className="mb-6 text-lg font-semibold">Invite someone</h2>
        <InviteForm prefill={prefill} />
      </Card>
      <Card>
        <BulkInviteForm grantable={grantableRoles(user)} />
      </Card>
      <section aria-labelledby="invites-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="invites-heading" className="text-lg font-semibold">
            Sent invitations
          </h2>
          <InviteFilters query={query} />
        </div>
        <InviteSearch query={query} />
        <InviteSortPills query={query} />
        <InviteBulkBar pageIds={actionableIds(invitations)} />
        <InvitesTable invites={invitations} query={query} />
        <Pager
          page={query.page}
          perPage={INVITES_PER_PAGE}
          shown={invitations.length}
          hasMore={hasMore}
          href={pageHref}
          labels={pagerLabels}
        />
      </section>
    </div>
  );
}
