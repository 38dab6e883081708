// POST /invite/create: someone allowed to grant a role creates an invitation that carries it.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { INVITE_ERROR_CODES } from "../error-codes";
import { MAX_EXPIRES_IN, type ResolvedInviteOptions } from "../options";
import { isAllowed } from "../permission";
import { safeRedirectTarget } from "../redirect";
import { adminOptionsOf, hierarchyOf, isAdmin, rankOfUser, roleExists } from "../roles";
import { publicInvitation } from "../serialize";
import type { GenericEndpointContext } from "../context";
import { isUniqueViolation, normalizeEmail } from "../store";
import { generateInviteId, generateInviteToken, hashToken } from "../token";
import type { Invitation, InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";
import { inviteLinkURL, sendInvitationEmail } from "./send";
import { text } from "../text";

export const createInviteBody = z.strictObject({
  role: text().min(1).max(64),
  // Trimmed before it is checked: a pasted address often carries spaces.
  email: text().trim().max(254).pipe(z.email()).optional(),
  tokenType: z.enum(["token", "code", "custom"]).optional(),
  maxUses: z.number().int().positive().max(1_000_000).nullable().optional(),
  expiresIn: z.number().int().positive().max(MAX_EXPIRES_IN).optional(),
  redirectToAfterUpgrade: text().min(1).max(2048).optional(),
});

/** Short codes can collide with a live one: draw again, a few times, before giving up. */
async function insertWithFreshToken(
  ctx: GenericEndpointContext,
  data: Omit<Invitation, "id">,
  redraw: () => Promise<string>,
): Promise<Invitation> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Our own id (time-ordered, see generateInviteId): Better Auth's create types omit it, hence the variable.
      const row: Invitation = { id: generateInviteId(data.createdAt.getTime()), ...data };
      return await ctx.context.adapter.create<Omit<Invitation, "id">, Invitation>({ model: "invite", data: row, forceAllowId: true });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === 5) throw error;
      data.tokenHash = await redraw();
    }
  }
}

export const createInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/create",
    {
      method: "POST",
      body: createInviteBody,
      use: [inviteSessionMiddleware],
      metadata: { openapi: { description: "Create an invitation that grants a role" } },
    },
    async (ctx) => {
      const inviter: InviteUser = ctx.context.session.user;
      const admin = adminOptionsOf(ctx);
      const { role } = ctx.body;
      const email = ctx.body.email ? normalizeEmail(ctx.body.email) : null;

      if (!roleExists(admin, role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
      const allowed = await isAllowed(
        options.canCreateInvite,
        { invitedUser: { email: email ?? undefined, role }, inviterUser: inviter, ctx },
        inviter,
        admin,
        () => isAdmin(inviter, admin),
      );
      if (!allowed) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.INSUFFICIENT_PERMISSIONS);
      const hierarchy = hierarchyOf(options.roleHierarchy, admin);
      if (hierarchy && hierarchy.indexOf(role) > rankOfUser(inviter, admin, hierarchy)) {
        throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.ROLE_ABOVE_INVITER);
      }
      if (email && !options.sendUserInvitation) {
        throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);
      }
      const requested = ctx.body.redirectToAfterUpgrade;
      const redirect = requested === undefined ? null : safeRedirectTarget(ctx, requested);
      if (requested !== undefined && redirect === null) {
        throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVALID_REDIRECT_URL);
      }
      const tokenType = ctx.body.tokenType ?? options.defaultTokenType;
      if (tokenType === "custom" && !options.generateToken) {
        throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.CUSTOM_TOKEN_NOT_ENABLED);
      }

      const invitee = email ? await ctx.context.internalAdapter.findUserByEmail(email) : null;
      let token = generateInviteToken(tokenType, options.generateToken);
      const now = new Date();
      const maxUses = ctx.body.maxUses === undefined ? options.defaultMaxUses : ctx.body.maxUses;
      const data: Omit<Invitation, "id"> = {
        tokenHash: await hashToken(token),
        tokenType,
        role,
        email,
        createdByUserId: inviter.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + (ctx.body.expiresIn ?? options.invitationTokenExpiresIn) * 1000),
        maxUses,
        useCount: 0,
        usesLeft: maxUses,
        status: "pending",
        redirectToAfterUpgrade: redirect,
        newAccount: email !== null && !invitee,
      };
      await options.inviteHooks?.beforeCreateInvite?.({ invitation: data, inviterUser: inviter, ctx });
      // The hook may have changed the limit: the claim's guard must follow it.
      data.usesLeft = data.maxUses === null ? null : data.maxUses - data.useCount;
      const invitation = await insertWithFreshToken(ctx, data, async () => {
        token = generateInviteToken(tokenType, options.generateToken);
        return hashToken(token);
      });

      if (email) {
        try {
          await sendInvitationEmail(ctx, options, { invitation, token, inviter, inviteeName: invitee?.user.name });
        } catch (error) {
          // Nobody received the token, so an invitation left behind could never be used.
          await ctx.context.adapter.delete({ model: "invite", where: [{ field: "id", value: invitation.id }] });
          ctx.context.logger.error("Could not send the invitation email", error);
          throw APIError.from("BAD_GATEWAY", INVITE_ERROR_CODES.ERROR_SENDING_THE_INVITATION_EMAIL);
        }
      }
      await options.inviteHooks?.afterCreateInvite?.({ invitation, inviterUser: inviter, ctx });
      return ctx.json({ invitation: publicInvitation(invitation), token, url: inviteLinkURL(ctx, token) });
    },
  );
