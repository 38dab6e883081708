// POST /invite/check: whether /invite/create would accept this role and address, without writing or sending anything.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { findLiveInvitationFor } from "../active-email";
import { assertMayGrant } from "../authority";
import { INVITE_ERROR_CODES } from "../error-codes";
import type { ResolvedInviteOptions } from "../options";
import { assertWorthInviting } from "../recipient-checks";
import { adminOptionsOf, roleExists } from "../roles";
import { isUsable, normalizeEmail } from "../store";
import { text } from "../text";
import { inviteSessionMiddleware } from "./session";

export const checkInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/check",
    {
      method: "POST",
      body: z.strictObject({ role: text().min(1).max(64), email: text().trim().max(254).pipe(z.email()).optional() }),
      use: [inviteSessionMiddleware],
      metadata: { openapi: { description: "Check an invitation before creating it: the errors create would answer, or ok" } },
    },
    async (ctx) => {
      const inviter = ctx.context.session.user;
      const email = ctx.body.email ? normalizeEmail(ctx.body.email) : null;
      if (!roleExists(adminOptionsOf(ctx), ctx.body.role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
      await assertMayGrant(ctx, options, inviter, { email, role: ctx.body.role });
      if (email) {
        await assertWorthInviting(ctx, options, inviter, { email, role: ctx.body.role });
        const live = await findLiveInvitationFor(ctx.context.adapter, email);
        if (live && isUsable(live)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_INVITED);
      }
      return ctx.json({ ok: true as const });
    },
  );
