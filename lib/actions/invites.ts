"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, type FormState } from "@/lib/actions/form-state";
import { outageStateOrThrow } from "@/lib/actions/outage";
import { getAuth } from "@/lib/auth";
import { inviteErrorMessage, tooManyAttemptsMessage } from "@/lib/invite-messages";
import { limitLikeEndpoint } from "@/lib/rate-limit";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getSession } from "@/lib/session";

const tokenSchema = z.object({ token: z.string().trim().min(1).max(512) });

/** Accepts for the signed-in user. The role comes from the stored invitation, never from the form. */
export async function acceptInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenSchema.safeParse(formValues(formData));
  if (!parsed.success) return { status: "error", message: inviteErrorMessage("INVALID_TOKEN") };
  let redirectTo: string;
  try {
    const session = await getSession();
    if (!session) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${parsed.data.token}`)}`);
    const limit = await limitLikeEndpoint("/invite/accept", await headers());
    if (!limit.allowed) return { status: "error", message: tooManyAttemptsMessage(limit.retryAfter) };
    const result = await getAuth().api.acceptInvite({ body: { token: parsed.data.token }, headers: await headers() });
    redirectTo = result.redirectTo;
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500) return { status: "error", message: inviteErrorMessage(String(error.body?.code)) };
    // The accept rolled back whole, or (its answer lost after COMMIT) committed whole: trying again tells which.
    return outageStateOrThrow(error);
  }
  redirect(safeRedirectPath(redirectTo, "/dashboard/role-upgraded"));
}

/** Declines a private invitation for the signed-in invitee. */
export async function declineInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenSchema.safeParse(formValues(formData));
  if (!parsed.success) return { status: "error", message: inviteErrorMessage("INVALID_TOKEN") };
  try {
    const session = await getSession();
    if (!session) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${parsed.data.token}`)}`);
    const limit = await limitLikeEndpoint("/invite/reject", await headers());
    if (!limit.allowed) return { status: "error", message: tooManyAttemptsMessage(limit.retryAfter) };
    await getAuth().api.rejectInvite({ body: { token: parsed.data.token }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500) return { status: "error", message: inviteErrorMessage(String(error.body?.code)) };
    return outageStateOrThrow(error);
  }
  return { status: "success", message: "You declined this invitation. Nothing about your account changed." };
}

const codeSchema = z.object({
  code: z
    .string({ error: "Enter the code from your invitation." })
    .trim()
    .regex(/^[A-Za-z0-9]{3}[-\s]?[A-Za-z0-9]{3}$/, "Codes have six letters and digits, like 7KQ-X2M."),
});

/** Opens the invitation page for a typed code; the page itself says whether the code is valid. */
export async function openInviteCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { code = "" } = formValues(formData);
  const parsed = codeSchema.safeParse({ code });
  if (!parsed.success) {
    return { status: "error", fieldErrors: { code: parsed.error.issues.map((issue) => issue.message) }, values: { code } };
  }
  const canonical = parsed.data.code.replace(/[-\s]/g, "").toUpperCase();
  redirect(`/invite/${canonical.slice(0, 3)}-${canonical.slice(3)}`);
}
