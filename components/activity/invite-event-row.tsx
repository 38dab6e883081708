import type { ReactNode } from "react";
import { ActivityRow } from "@/components/activity/activity-row";
import { RoleBadge } from "@/components/role-badge";
import type { InviteEventItem } from "@/lib/activity/feed";
import { messageForCode } from "@/lib/errors/messages";

const labels: Record<InviteEventItem["type"], { label: string; tone: string }> = {
  created: { label: "Created", tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  emailed: { label: "Emailed", tone: "bg-zinc-100 text-zinc-700 ring-zinc-300" },
  resent: { label: "Resent", tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  reminded: { label: "Reminded", tone: "bg-zinc-100 text-zinc-700 ring-zinc-300" },
  opened: { label: "Opened", tone: "bg-violet-50 text-violet-800 ring-violet-200" },
  canceled: { label: "Revoked", tone: "bg-red-50 text-red-800 ring-red-200" },
  restored: { label: "Restored", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  rejected: { label: "Declined", tone: "bg-amber-50 text-amber-800 ring-amber-200" },
  accepted: { label: "Accepted", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  refused: { label: "Refused", tone: "bg-red-50 text-red-800 ring-red-200" },
};

export function eventLabel(type: InviteEventItem["type"]): string {
  return labels[type].label;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The invitation an event is about, in words: "ada@example.com as Moderator", or "a shareable link for Admin". */
function Target({ invitation }: { invitation: InviteEventItem["invitation"] }) {
  const role = invitation.role && <RoleBadge role={invitation.role} />;
  if (invitation.email) {
    return (
      <>
        <span className="font-medium text-zinc-900">{invitation.email}</span>
        {role && <> as {role}</>}
      </>
    );
  }
  return (
    <>
      {invitation.tokenType === "code" ? "a code" : "a shareable link"}
      {role && <> for {role}</>}
    </>
  );
}

function sentence(event: InviteEventItem): ReactNode {
  const target = <Target invitation={event.invitation} />;
  const details = event.details as Record<string, unknown>;
  switch (event.type) {
    case "created":
      return event.invitation.email ? <>invited {target}</> : <>created {target}</>;
    case "emailed":
      return <>emailed the invitation to {text(details.to) ?? "its address"}</>;
    case "resent":
      return <>sent the invitation to {target} again, with a new link</>;
    case "reminded":
      return <>reminded {target}</>;
    case "opened":
      // Recorded once, at the first open; email scanners that follow links count too, so it is not proof a person read it.
      return <>followed the emailed link of {event.invitation.email ? <>the invitation to {target}</> : target} for the first time</>;
    case "canceled":
      return details.reason === "creator-removed" ? (
        <>removed the account that made {event.invitation.email ? <>the invitation to {target}</> : target}, which revoked it</>
      ) : (
        <>revoked {event.invitation.email ? <>the invitation to {target}</> : target}</>
      );
    case "restored":
      // The Undo of a revoke, moments after it: the revoke's own event stays, above this one.
      return <>undid the revoke of {event.invitation.email ? <>the invitation to {target}</> : target}: its link works again</>;
    case "rejected":
      return <>declined the invitation to {target}</>;
    case "accepted":
      return (
        <>
          accepted {target}
          {text(details.previousRole) && details.previousRole !== details.newRole && (
            <span className="text-zinc-500"> (was {String(details.previousRole)})</span>
          )}
        </>
      );
    case "refused":
      // A reminder whose creator may no longer grant the role is dropped by the schedule (actor null: "The system").
      if (details.action === "remind") {
        return (
          <>
            dropped the reminder of the invitation to {target}:{" "}
            <span className="text-zinc-600">{messageForCode(text(details.code) ?? undefined)}</span>
          </>
        );
      }
      return (
        <>
          was refused {details.action === "resend" ? "a resend of " : ""}
          {event.invitation.email ? <>the invitation to {target}</> : target}:{" "}
          <span className="text-zinc-600">{messageForCode(text(details.code) ?? undefined)}</span>
        </>
      );
  }
}

/** One line of the activity log: who did what to which invitation, and when. */
export function InviteEventRow({ event }: { event: InviteEventItem }) {
  const { label, tone } = labels[event.type];
  return (
    <ActivityRow testId="invite-event" type={event.type} label={label} tone={tone} at={event.at}>
      <strong className="font-semibold" title={event.actor?.email ?? undefined}>
        {event.actor?.name ?? (event.type === "opened" ? "Someone" : "The system")}
      </strong>{" "}
      {sentence(event)}
    </ActivityRow>
  );
}
