// POST /invite/accept: spend one use and grant the role, for the signed-in user.
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { acceptInvitation } from "../accept";
import { clearInviteCookie } from "../cookie";
import { chargeTokenLookup } from "../lookup-budget";
import type { ResolvedInviteOptions } from "../options";
import { inviteSessionMiddleware } from "./session";
import { text } from "../text";

export const acceptInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/accept",
    {
      method: "POST",
      body: z.strictObject({ token: text().min(1).max(512) }),
      use: [inviteSessionMiddleware],
      metadata: { openapi: { description: "Accept an invitation and take its role" } },
    },
    async (ctx) => {
      await chargeTokenLookup(ctx, options, ctx.body.token);
      const result = await acceptInvitation(ctx, options, ctx.body.token, ctx.context.session);
      clearInviteCookie(ctx);
      return ctx.json({ role: result.role, previousRole: result.previousRole, redirectTo: result.redirectTo });
    },
  );
