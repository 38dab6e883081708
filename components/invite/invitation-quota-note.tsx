import type { InvitationQuota } from "@/lib/invitations/quota";

/** How many more invitations the admin may make before revoking one or waiting (INVITATION_LIMIT); nothing with no limit. */
export function InvitationQuotaNote({ quota }: { quota: InvitationQuota }) {
  if (quota.limit === null || quota.remaining === null) return null;
  const tone = quota.remaining === 0 ? "text-red-700" : "text-zinc-600";
  return (
    <p data-testid="invitation-quota" className={`text-sm ${tone}`}>
      {`${quota.remaining} of ${quota.limit} invitations left`}
      <span className="text-zinc-500">
        {quota.remaining === 0
          ? ": revoke a pending invitation, or wait until one is accepted or expires."
          : ` (${quota.pending} pending; a revoked, used or expired one makes room again).`}
      </span>
    </p>
  );
}
