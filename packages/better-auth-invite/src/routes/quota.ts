// GET /invite/quota: how many pending invitations the caller holds, and how many more invitationLimit lets them make.
import { createAuthEndpoint } from "better-auth/api";
import { integer, nullable, object, operation } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { type Quota, quotaOf } from "../quota";
import { inviteSessionMiddleware } from "./session";

export const getInviteQuota = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/quota",
    {
      method: "GET",
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "getInviteQuota",
          summary: "How many more invitations the caller may make",
          description: [
            "Needs a session. `pending` counts the caller's own invitations that are usable now (not expired, a use",
            "left), which is what `invitationLimit` caps; `limit` is the caller's limit and `remaining` what is left of it,",
            "both null when there is none. Shareable and private invitations count alike.",
          ].join(" "),
          success: {
            description: "The caller's quota.",
            schema: object<Quota>({
              limit: nullable(integer("The most pending invitations the caller may hold; null for no limit.")),
              pending: integer("The caller's invitations usable now."),
              remaining: nullable(integer("How many more the caller may make now (never below 0); null for no limit.")),
            }),
          },
          errors: { 401: ["USER_NOT_LOGGED_IN"] },
        }),
      },
    },
    async (ctx) => ctx.json(await quotaOf(ctx, options, ctx.context.session.user)),
  );
