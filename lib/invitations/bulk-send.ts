import "server-only";
import { isAPIError } from "better-auth/api";
import { getAuth } from "@/lib/auth/server";
import { defaultInviteLifetime, type RoleName } from "@/lib/auth/permissions";
import { type BulkEntry, type EntryRefusal, judgeEntries } from "@/lib/invitations/bulk-list";

/** Why an entry was not invited: the list's own reason, or the plugin's code for its address. */
export type BulkRefusal = EntryRefusal | { code: string };

/** What became of one entry, in the list's order. */
export type BulkOutcome = { entry: BulkEntry; refusal: BulkRefusal | null };

/**
 * Invites every entry the admin may send through the plugin's create-many: one call per role, in the order the roles
 * first appear, each address in turn (so the limits hold exactly). A refusal of a whole call (a 4xx with a code: the
 * admin may no longer grant the role, say) refuses its entries; anything else is no refusal and is thrown.
 */
export async function sendBulkInvitations(
  entries: readonly BulkEntry[],
  options: { grantable: readonly RoleName[]; headers: Headers },
): Promise<BulkOutcome[]> {
  const judged = judgeEntries(entries, options.grantable);
  const outcomes: BulkOutcome[] = judged.map((entry) => ({ entry, refusal: entry.refusal ?? null }));
  const byRole = new Map<RoleName, BulkOutcome[]>();
  judged.forEach((entry, at) => {
    const outcome = outcomes[at];
    if (!entry.refusal && outcome) byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), outcome]);
  });

  for (const [role, group] of byRole) {
    try {
      const { results } = await getAuth().api.createManyInvites({
        body: { emails: group.map((outcome) => outcome.entry.email), role, expiresIn: defaultInviteLifetime[role] },
        headers: options.headers,
      });
      // One result per address, in the order sent.
      results.forEach((result, index) => {
        const outcome = group[index];
        if (outcome && result.status === "refused") outcome.refusal = { code: result.code };
      });
    } catch (error) {
      const code = isAPIError(error) && error.statusCode < 500 ? error.body?.code : undefined;
      if (typeof code !== "string") throw error;
      for (const outcome of group) outcome.refusal = { code };
    }
  }
  return outcomes;
}
