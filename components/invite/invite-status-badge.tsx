import { inviteStatusLabels, type InviteStatusFilter } from "@/lib/invitations/list-query";

const tones: Record<string, string> = {
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  used: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  expired: "bg-zinc-100 text-zinc-700 ring-zinc-300",
  canceled: "bg-red-50 text-red-800 ring-red-200",
  rejected: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function InviteStatusBadge({ status }: { status: string }) {
  const label = status in inviteStatusLabels ? inviteStatusLabels[status as InviteStatusFilter] : status;
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status] ?? tones.expired}`}>
      {label}
    </span>
  );
}
