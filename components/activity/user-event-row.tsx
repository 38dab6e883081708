import type { ReactNode } from "react";
import { ActivityRow } from "@/components/activity/activity-row";
import { RoleBadge } from "@/components/role-badge";
import type { UserEvent, UserEventKind } from "@/lib/users/events";

const labels: Record<UserEventKind, { label: string; tone: string }> = {
  "role-changed": { label: "Role changed", tone: "bg-amber-50 text-amber-800 ring-amber-200" },
  banned: { label: "Banned", tone: "bg-red-50 text-red-800 ring-red-200" },
  unbanned: { label: "Unbanned", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  removed: { label: "Removed", tone: "bg-red-50 text-red-800 ring-red-200" },
};

/** The account an event is about, as it was then: its name, its address on hover. */
function Subject({ event }: { event: UserEvent }) {
  return (
    <span className="font-medium text-zinc-900" title={event.subjectEmail}>
      {event.subjectName} <span className="font-normal text-zinc-600">({event.subjectEmail})</span>
    </span>
  );
}

function sentence(event: UserEvent): ReactNode {
  const subject = <Subject event={event} />;
  switch (event.kind) {
    case "role-changed":
      return (
        <>
          changed the role of {subject} from <RoleBadge role={event.fromRole} /> to <RoleBadge role={event.toRole} />
        </>
      );
    case "banned":
      return (
        <>
          banned {subject}
          {event.banReason && <span className="text-zinc-600">: {event.banReason}</span>}
        </>
      );
    case "unbanned":
      return <>unbanned {subject}</>;
    case "removed":
      return <>removed the account of {subject}</>;
  }
}

/** One line of the activity log: what an admin did to an account from the Users page, and when. */
export function UserEventRow({ event }: { event: UserEvent }) {
  const { label, tone } = labels[event.kind];
  return (
    <ActivityRow testId="user-event" type={event.kind} label={label} tone={tone} at={event.createdAt}>
      <strong className="font-semibold" title={event.actorEmail}>
        {event.actorName}
      </strong>{" "}
      {sentence(event)}
    </ActivityRow>
  );
}
