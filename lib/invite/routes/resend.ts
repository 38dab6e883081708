// POST /invite/resend: a private invitation gets a new token (the old one stops working), a new expiry, a new email.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES } from "../error-codes";
import type { ResolvedInviteOptions } from "../options";
import { publicInvitation } from "../serialize";
import { stillOpen } from "../store";
import { generateInviteToken, hashToken } from "../token";
import type { Invitation } from "../types";
import { assertPending, findManageableInvite } from "./manage";
import { sendInvitationEmail } from "./send";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

export const resendInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/resend",
    {
      method: "POST",
      body: z.strictObject({ id: text().min(1).max(128) }),
      use: [inviteSessionMiddleware],
      metadata: { openapi: { description: "Send a private invitation again, with a new token" } },
    },
    async (ctx) => {
      const user = ctx.context.session.user;
      const invitation = await findManageableInvite(ctx, options, ctx.body.id, user);
      if (!invitation.email) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITE_IS_NOT_PRIVATE);
      if (!options.sendUserInvitation) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);
      assertPending(invitation);

      const invitee = await ctx.context.internalAdapter.findUserByEmail(invitation.email);
      const token = generateInviteToken(invitation.tokenType, options.generateToken);
      const now = new Date();
      const renewed = await ctx.context.adapter.update<Invitation>({
        model: "invite",
        where: stillOpen(invitation.id),
        update: {
          tokenHash: await hashToken(token),
          expiresAt: new Date(now.getTime() + options.invitationTokenExpiresIn * 1000),
          // The invitee may have signed up since: the email then speaks of an upgrade.
          newAccount: !invitee,
        },
      });
      if (!renewed) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.NO_USES_LEFT_FOR_INVITE);

      try {
        await sendInvitationEmail(ctx, options, { invitation: renewed, token, inviter: user, inviteeName: invitee?.user.name });
      } catch (error) {
        // Nobody got the new token: put the old one back, so the invitation already sent keeps working.
        await ctx.context.adapter.update({
          model: "invite",
          where: [{ field: "id", value: invitation.id }],
          update: { tokenHash: invitation.tokenHash, expiresAt: invitation.expiresAt, newAccount: invitation.newAccount },
        });
        ctx.context.logger.error("Could not resend the invitation email", error);
        throw APIError.from("BAD_GATEWAY", INVITE_ERROR_CODES.ERROR_SENDING_THE_INVITATION_EMAIL);
      }
      return ctx.json({ invitation: publicInvitation(renewed) });
    },
  );
