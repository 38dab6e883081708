import { FunnelChart } from "@/components/dashboard/funnel-chart";
import { can } from "@/lib/auth/authorization";
import { getSession } from "@/lib/auth/session";
import { myInvitationFunnel } from "@/lib/invitations/funnel";

/** The dashboard's overview of invitations, for those who may send them; nothing for anyone else. */
export async function InviteFunnel() {
  const session = await getSession();
  // Checked here too, not only by the page around it: the component must not depend on where it is placed.
  if (!session || !can(session.user, { invite: ["create"] })) return null;
  return <FunnelChart funnel={await myInvitationFunnel()} />;
}
