"use server";

import { isAPIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { fieldErrorsOf, formValues, type FormState } from "@/lib/actions/form-state";
import { outageMessageOrThrow } from "@/lib/actions/outage";
import { getAuth } from "@/lib/auth/server";
import { can } from "@/lib/auth/authorization";
import { isServiceUnavailable, SERVICE_UNAVAILABLE } from "@/lib/db/unavailable";
import { inviteErrorMessage, tooManyAttemptsMessage } from "@/lib/invitations/messages";
import { log } from "@/lib/log";
import { roleLabels } from "@/lib/auth/permissions";
import { limitLikeEndpoint } from "@/lib/rate-limit/like-endpoint";
import { getSession, type Session } from "@/lib/auth/session";
import { z } from "zod";
import { bulkInviteSchema, createInviteSchema, inviteIdSchema } from "@/lib/validations/invite";

const DAY = 86_400;

export type CreateInviteState = FormState<"email" | "role" | "expiresIn" | "maxUses" | "tokenType" | "form"> & {
  /** Shown once: the link or code of a shareable invitation. */
  shareable?: { kind: "token" | "code"; value: string };
};

/** Every invite action checks the session and the permission itself: the page hiding the form is not a guard. */
async function requireInviter(): Promise<string | null> {
  let session: Session | null;
  try {
    session = await getSession();
  } catch (error) {
    return outageMessageOrThrow(error);
  }
  if (!session) return "Your session has ended. Sign in again.";
  if (!can(session.user, { invite: ["create"] })) return inviteErrorMessage("INSUFFICIENT_PERMISSIONS");
  return null;
}

/** These actions send email: they count against the same limit as the HTTP endpoint they stand for. */
async function emailLimitRefusal(path: "/invite/create" | "/invite/resend"): Promise<string | null> {
  try {
    const limit = await limitLikeEndpoint(path, await headers());
    return limit.allowed ? null : tooManyAttemptsMessage(limit.retryAfter);
  } catch (error) {
    return outageMessageOrThrow(error);
  }
}

const emailNotSent = {
  create: "The invitation email could not be sent, so no invitation was created. Try again in a moment.",
  resend: "The invitation email could not be sent again. The invitation sent before still works; try again in a moment.",
};

function failure(error: unknown, action: keyof typeof emailNotSent = "create"): { status: "error"; message: string } {
  if (isAPIError(error) && error.statusCode < 500) return { status: "error", message: inviteErrorMessage(String(error.body?.code ?? "")) };
  if (isAPIError(error) && error.body?.code === "ERROR_SENDING_THE_INVITATION_EMAIL") return { status: "error", message: emailNotSent[action] };
  if (isServiceUnavailable(error)) return { status: "error", message: SERVICE_UNAVAILABLE.message };
  log.error("[invite-kit] invite action failed", error);
  return { status: "error", message: inviteErrorMessage(undefined) };
}

/** Refusals about the address itself: said under the email field, where the admin fixes them. */
const addressCodes = new Set(["ALREADY_HAS_ROLE", "ALREADY_INVITED", "CANNOT_INVITE_YOURSELF"]);

function codeOf(error: unknown): string | null {
  return isAPIError(error) && error.statusCode < 500 && typeof error.body?.code === "string" ? error.body.code : null;
}

const checkSchema = z.object({ email: createInviteSchema.shape.email, role: createInviteSchema.shape.role });

/**
 * What the invite form says before sending, as the admin types: the refusal create would give for this address
 * and role (already has the role, already invited, oneself), or nothing. Reads only; sends nothing.
 */
export async function checkInviteAction(input: { email: string; role: string }): Promise<{ warning: string | null }> {
  if ((await requireInviter()) !== null) return { warning: null };
  const parsed = checkSchema.safeParse(input);
  if (!parsed.success || !parsed.data.email) return { warning: null };
  try {
    await getAuth().api.checkInvite({ body: { email: parsed.data.email, role: parsed.data.role }, headers: await headers() });
    return { warning: null };
  } catch (error) {
    const code = codeOf(error);
    return { warning: code && addressCodes.has(code) ? inviteErrorMessage(code) : null };
  }
}

export async function createInviteAction(_previous: CreateInviteState, formData: FormData): Promise<CreateInviteState> {
  const refusal = (await requireInviter()) ?? (await emailLimitRefusal("/invite/create"));
  if (refusal) return { status: "error", message: refusal };
  const values = formValues(formData);
  const parsed = createInviteSchema.safeParse(values);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values };
  const { email, role, tokenType } = parsed.data;
  // Admin invitations last a week, the others a day, unless the form says otherwise.
  const expiresIn = parsed.data.expiresIn ?? (role === "admin" ? 7 * DAY : DAY);

  try {
    const created = await getAuth().api.createInvite({
      body: { role, email, tokenType, expiresIn, maxUses: email ? 1 : (parsed.data.maxUses ?? 1) },
      headers: await headers(),
    });
    revalidatePath("/dashboard/invites");
    if (email) return { status: "success", message: `Invitation sent to ${email} with ${roleLabels[role]} role!` };
    return {
      status: "success",
      message: `Shareable ${tokenType === "code" ? "code" : "link"} created with ${roleLabels[role]} role. Copy it now: it is shown only once.`,
      shareable: tokenType === "code" ? { kind: "code", value: created.token } : { kind: "token", value: created.url },
    };
  } catch (error) {
    const code = codeOf(error);
    if (code && addressCodes.has(code)) return { status: "error", fieldErrors: { email: [inviteErrorMessage(code)] }, values };
    return { ...failure(error), values };
  }
}

export async function cancelInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const refusal = await requireInviter();
  if (refusal) return { status: "error", message: refusal };
  const parsed = inviteIdSchema.safeParse(formValues(formData));
  if (!parsed.success) return { status: "error", message: inviteErrorMessage("INVALID_TOKEN") };
  try {
    await getAuth().api.cancelInvite({ body: { id: parsed.data.id }, headers: await headers() });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/dashboard/invites");
  return { status: "success", message: "Invitation revoked." };
}

export async function resendInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const refusal = (await requireInviter()) ?? (await emailLimitRefusal("/invite/resend"));
  if (refusal) return { status: "error", message: refusal };
  const parsed = inviteIdSchema.safeParse(formValues(formData));
  if (!parsed.success) return { status: "error", message: inviteErrorMessage("INVALID_TOKEN") };
  try {
    const { invitation } = await getAuth().api.resendInvite({ body: { id: parsed.data.id }, headers: await headers() });
    revalidatePath("/dashboard/invites");
    return { status: "success", message: `Invitation sent again to ${invitation.email}. The previous link no longer works.` };
  } catch (error) {
    return failure(error, "resend");
  }
}

export type BulkInviteState = FormState<"emails" | "role" | "form"> & {
  results?: { email: string; ok: boolean; message: string }[];
};

/** One private invitation per address, each on its own: a bad or refused address does not stop the others. */
export async function bulkInviteAction(_previous: BulkInviteState, formData: FormData): Promise<BulkInviteState> {
  // One count per submission: a bulk send is capped at 50 addresses instead.
  const refusal = (await requireInviter()) ?? (await emailLimitRefusal("/invite/create"));
  if (refusal) return { status: "error", message: refusal };
  const values = formValues(formData);
  const parsed = bulkInviteSchema.safeParse(values);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values };
  const { emails, role } = parsed.data;
  const requestHeaders = await headers();
  const results: NonNullable<BulkInviteState["results"]> = [];
  for (const email of emails) {
    if (!z.email().safeParse(email).success) {
      results.push({ email, ok: false, message: "Not a valid email address." });
      continue;
    }
    try {
      await getAuth().api.createInvite({ body: { role, email, expiresIn: role === "admin" ? 7 * DAY : DAY }, headers: requestHeaders });
      results.push({ email, ok: true, message: "Sent" });
    } catch (error) {
      results.push({ email, ok: false, message: failure(error).message });
    }
  }
  revalidatePath("/dashboard/invites");
  const failed = results.filter((result) => !result.ok).map((result) => result.email);
  const sent = results.length - failed.length;
  return {
    status: failed.length === 0 ? "success" : "error",
    message:
      `${sent} of ${results.length} invitations sent with ${roleLabels[role]} role.` +
      (failed.length ? " The addresses that were not sent are left in the box, to fix and send again." : ""),
    results,
    // The form comes back with the same role and only what still needs sending.
    values: { role, emails: failed.join("\n") },
  };
}
