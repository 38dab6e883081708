import type { GenericEndpointContext } from "../context";
import type { ResolvedInviteOptions } from "../options";
import type { Invitation, InviteUser } from "../types";

/** The link an invitee opens: the plugin's GET /invite/:token, which only keeps the token and redirects. */
export function inviteLinkURL(ctx: GenericEndpointContext, token: string): string {
  return `${ctx.context.baseURL}/invite/${encodeURIComponent(token)}`;
}

export async function sendInvitationEmail(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  input: { invitation: Invitation; token: string; inviter: InviteUser; inviteeName?: string; reminder?: boolean },
): Promise<void> {
  const { invitation, token, inviter } = input;
  if (!options.sendUserInvitation || !invitation.email) return;
  await options.sendUserInvitation(
    {
      email: invitation.email,
      name: input.inviteeName,
      role: invitation.role,
      url: inviteLinkURL(ctx, token),
      token,
      newAccount: invitation.newAccount,
      invitation,
      inviter,
      metadata: invitation.metadata ?? null,
      message: invitation.message ?? null,
      reminder: input.reminder ?? false,
    },
    ctx.request,
  );
}
