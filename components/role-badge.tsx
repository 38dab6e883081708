import { isRoleName, roleLabels, type RoleName } from "@/lib/auth/permissions";

const tones: Record<RoleName, string> = {
  user: "bg-zinc-100 text-zinc-700 ring-zinc-300",
  moderator: "bg-amber-50 text-amber-800 ring-amber-300",
  admin: "bg-brand-50 text-brand-700 ring-brand-500/40",
};

/** A user's role as a badge; a role the app no longer defines still shows, in neutral grey. */
export function RoleBadge({ role }: { role: string | null | undefined }) {
  const known = isRoleName(role) ? role : null;
  return (
    <span
      data-testid="role-badge"
      data-role={role ?? "none"}
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${known ? tones[known] : tones.user}`}
    >
      {known ? roleLabels[known] : (role ?? "No role")}
    </span>
  );
}
