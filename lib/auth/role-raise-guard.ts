import { APIError, getSessionFromCtx } from "better-auth/api";
import type { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import { can } from "@/lib/auth/authorization";
import { defaultRole, rankOf } from "@/lib/auth/permissions";

/** Better Auth's endpoint context, as its before hooks get it. */
type AdminRequest = Parameters<typeof setSessionCookie>[0];

const guarded = new Set(["/admin/create-user", "/admin/set-role", "/admin/update-user"]);

const roleValue = z.union([z.string(), z.array(z.string())]);
// Only what the rule reads; the admin plugin validates the rest of the body itself.
const adminBody = z.object({
  userId: z.string().optional(),
  role: roleValue.optional(),
  data: z.object({ role: roleValue.optional() }).optional(),
});

export const ROLE_RAISE_NEEDS_INVITATION = {
  code: "ROLE_RAISE_NEEDS_INVITATION",
  message: "A role is raised only through an invitation: invite this person to the higher role instead.",
} as const;

/**
 * Roles go up only through invitations, so that every grant has an inviter, an audit row and a person who accepted
 * it: the admin plugin's own endpoints would otherwise raise one directly (set-role, update-user's role, create-user
 * with a role). Lowering a role stays immediate. Server code without a request (the seed, a script) is trusted.
 */
export async function refuseDirectRoleRaise(ctx: AdminRequest): Promise<void> {
  if (!guarded.has(ctx.path)) return;
  // Someone who may not change roles at all gets the admin plugin's own refusal, learning nothing of the user here.
  if (ctx.request || ctx.headers) {
    const session = await getSessionFromCtx(ctx);
    if (!session || !can({ role: session.user.role }, { user: ["set-role"] })) return;
  }
  const parsed = adminBody.safeParse(ctx.body ?? {});
  // A body of the wrong shape is the admin plugin's own 400 to answer.
  if (!parsed.success) return;
  const body = parsed.data;
  if (ctx.path === "/admin/create-user") {
    if (!ctx.request && !ctx.headers) return;
    const role = body.role ?? body.data?.role;
    if (role && rankOf(role) > rankOf(defaultRole)) refuse();
    return;
  }
  const role = ctx.path === "/admin/set-role" ? body.role : body.data?.role;
  if (!role || !body.userId) return;
  const user = await ctx.context.internalAdapter.findUserById(body.userId);
  // An unknown user is the admin plugin's own 404 to answer.
  if (!user) return;
  const current = "role" in user && typeof user.role === "string" ? user.role : defaultRole;
  if (rankOf(role) > rankOf(current)) refuse();
}

function refuse(): never {
  throw new APIError("FORBIDDEN", ROLE_RAISE_NEEDS_INVITATION);
}
