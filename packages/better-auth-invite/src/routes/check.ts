// POST /invite/check: whether /invite/create would accept this role and address, without writing or sending anything.
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { findLiveInvitationFor } from "../active-email";
import { assertMayGrant } from "../authority";
import { INVITE_ERROR_CODES } from "../error-codes";
import { boolean, jsonBody, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { assertUnderInvitationLimit } from "../quota";
import { assertWorthInviting } from "../recipient-checks";
import { adminOptionsOf, roleExists } from "../roles";
import { isUsable } from "../lifecycle";
import { normalizeEmail } from "../store";
import { text } from "../text";
import { inviteSessionMiddleware } from "./session";

const checkInviteBody = z.strictObject({ role: text().min(1).max(64), email: text().trim().max(254).pipe(z.email()).optional() });

export const checkInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/check",
    {
      method: "POST",
      body: checkInviteBody,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "checkInvite",
          summary: "Check an invitation before creating it",
          description: [
            "Every check `POST /invite/create` would make for this role and address (permission, hierarchy, the",
            "caller's `invitationLimit`, oneself,",
            "an account that already holds the role, a live invitation to the address), answered with create's errors,",
            "or `{ ok: true }`. Writes and sends nothing, so a form can call it as the admin types. Needs a session.",
          ].join(" "),
          requestBody: jsonBody(checkInviteBody, {
            role: "The role the invitation would grant: one of the admin plugin's roles.",
            email: "The address it would be sent to, if private. Trimmed and lower-cased.",
          }),
          success: {
            description: "Create would accept this invitation now.",
            schema: object({ ok: { ...boolean("Always true: a refusal is an error answer."), const: true } }),
          },
          errors: {
            400: ["ROLE_NOT_FOUND", "CANNOT_INVITE_YOURSELF"],
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS", "ROLE_ABOVE_INVITER", "INVITATION_LIMIT_REACHED"],
            409: ["ALREADY_HAS_ROLE", "ALREADY_INVITED"],
          },
        }),
      },
    },
    async (ctx) => {
      const inviter = ctx.context.session.user;
      const email = ctx.body.email ? normalizeEmail(ctx.body.email) : null;
      if (!roleExists(adminOptionsOf(ctx), ctx.body.role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
      await assertMayGrant(ctx, options, inviter, { email, role: ctx.body.role });
      await assertUnderInvitationLimit(ctx, options, inviter);
      if (email) {
        await assertWorthInviting(ctx, options, inviter, { email, role: ctx.body.role });
        const live = await findLiveInvitationFor(ctx.context.adapter, email);
        if (live && isUsable(live)) throw APIError.from("CONFLICT", INVITE_ERROR_CODES.ALREADY_INVITED);
      }
      return ctx.json({ ok: true as const });
    },
  );
