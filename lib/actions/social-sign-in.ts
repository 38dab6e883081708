"use server";

import { z } from "zod";
import { formAction, redirectTo } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/server";
import { isSignInProvider } from "@/lib/auth/sign-in-providers";
import { getEnv } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { invitationTokenIn } from "@/lib/invitations/look-up";

const socialSignInSchema = z.object({
  provider: z.string().min(1).max(40),
  next: z.string().optional(),
  from: z.enum(["sign-in", "sign-up"]).default("sign-in"),
});

/**
 * "Continue with GitHub" (or Google, or the company's SSO): sends the browser to the provider, which sends it back to
 * Better Auth's callback. Opened from an invitation, the invitation goes into the invite cookie first, as the emailed
 * link does, so that the callback accepts it (or refuses an account for another address before creating it).
 */
export const socialSignInAction = formAction<typeof socialSignInSchema, FormState>(
  { schema: socialSignInSchema, access: { kind: "public" }, keep: () => ({}) },
  async ({ provider, next, from }, { headers }) => {
    if (!isSignInProvider(getEnv(), provider)) return { status: "error", message: "That way of signing in is not set up here." };
    const target = safeRedirectPath(next, "");
    const token = target ? invitationTokenIn(target) : null;
    if (token) {
      const kept = await getAuth().api.activateInvite({ body: { token }, headers });
      // Already signed in after all (another tab): activate accepted it for this account.
      if (kept.action === "ACCEPTED") return redirectTo(safeRedirectPath(kept.redirectTo, "/dashboard/role-upgraded"));
    }
    const here = `/${from}${target ? `?next=${encodeURIComponent(target)}` : ""}`;
    const { url } = await getAuth().api.signInSocial({
      // A refusal the invitation causes comes back to the invitation's page instead (the invite plugin sends it there).
      body: { provider, callbackURL: target || "/dashboard", errorCallbackURL: here },
      headers,
    });
    if (!url) return { status: "error", message: "That way of signing in is not set up here." };
    return redirectTo(url);
  },
);
