"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues, type FormState } from "@/lib/actions/form-state";
import { outageStateOrThrow } from "@/lib/actions/outage";
import { getAuth } from "@/lib/auth/server";
import { formatCode, looksLikeCode } from "@invite-kit/better-auth";
import { retryAfterOf } from "@/lib/errors/messages";
import { inviteErrorMessage, tooManyAttemptsMessage } from "@/lib/invitations/messages";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getSession } from "@/lib/auth/session";

const tokenSchema = z.object({ token: z.string().trim().min(1).max(512) });

/** The plugin's refusal in words; a spent budget says how long to wait. */
function refusal(error: unknown): FormState {
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== null) return { status: "error", message: tooManyAttemptsMessage(retryAfter) };
  return { status: "error", message: inviteErrorMessage(isAPIError(error) ? String(error.body?.code) : undefined) };
}

/** Accepts for the signed-in user. The role comes from the stored invitation, never from the form. */
export async function acceptInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = tokenSchema.safeParse(formValues(formData));
  if (!parsed.success) return { status: "error", message: inviteErrorMessage("INVALID_TOKEN") };
  let redirectTo: string;
  try {
    const session = await getSession();
    if (!session) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${parsed.data.token}`)}`);
    // The plugin counts the look-up against the visitor's budget, read from these headers.
    const result = await getAuth().api.acceptInvite({ body: { token: parsed.data.token }, headers: await headers() });
    redirectTo = result.redirectTo;
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500) return refusal(error);
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
    await getAuth().api.rejectInvite({ body: { token: parsed.data.token }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500) return refusal(error);
    return outageStateOrThrow(error);
  }
  return { status: "success", message: "You declined this invitation. Nothing about your account changed." };
}

const codeSchema = z.object({
  code: z
    .string({ error: "Enter the code from your invitation." })
    .trim()
    .refine(looksLikeCode, "Codes have ten letters and digits, like 7KQX2-M9PAR."),
});

/** Opens the invitation page for a typed code; the page itself says whether the code is valid. */
export async function openInviteCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { code = "" } = formValues(formData);
  const parsed = codeSchema.safeParse({ code });
  if (!parsed.success) {
    return { status: "error", fieldErrors: { code: parsed.error.issues.map((issue) => issue.message) }, values: { code } };
  }
  redirect(`/invite/${formatCode(parsed.data.code)}`);
}
