"use server";

import { isAPIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { admit, formAction, type Access } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/server";
import { defaultInviteLifetime, roleLabels } from "@/lib/auth/permissions";
import { isServiceUnavailable } from "@/lib/errors/unavailable";
import { codeOf, messageForCode, messageForError } from "@/lib/errors/messages";
import { log } from "@/lib/log";
import { bulkInviteSchema, createInviteSchema, inviteIdSchema } from "@/lib/validations/invite";

export type CreateInviteState = FormState<
  "email" | "role" | "expiresIn" | "maxUses" | "tokenType" | "message" | "copyLink" | "allowedDomains" | "form"
> & {
  /** Shown once: the link or code the admin passes on themselves (a shareable invitation, or a private one not emailed). */
  shareable?: { kind: "token" | "code"; value: string };
};

export type BulkInviteState = FormState<"emails" | "role" | "form"> & {
  results?: { email: string; ok: boolean; message: string }[];
};

const inviter: Access = { kind: "permitted", permission: { invite: ["create"] } };

/** Refusals about the address itself: said under the email field, where the admin fixes them. */
const addressCodes = new Set(["ALREADY_HAS_ROLE", "ALREADY_INVITED", "CANNOT_INVITE_YOURSELF"]);

const emailNotSent = {
  create: "The invitation email could not be sent, so no invitation was created. Try again in a moment.",
  resend: "The invitation email could not be sent again. The invitation sent before still works; try again in a moment.",
};

/** A failed email, said for what it means here: nothing was created, or the earlier email still works. */
function emailNotSentMessage(error: unknown, action: keyof typeof emailNotSent): string | undefined {
  return isAPIError(error) && error.body?.code === "ERROR_SENDING_THE_INVITATION_EMAIL" ? emailNotSent[action] : undefined;
}

const checkSchema = z.object({ email: createInviteSchema.shape.email, role: createInviteSchema.shape.role });

/**
 * What the invite form says before sending, as the admin types: the refusal create would give for this address
 * and role (already has the role, already invited, oneself), or nothing. Reads only; sends nothing.
 */
export async function checkInviteAction(input: { email: string; role: string }): Promise<{ warning: string | null }> {
  try {
    const gate = await admit({ access: inviter });
    const parsed = checkSchema.safeParse(input);
    if (!("headers" in gate) || !parsed.success || !parsed.data.email) return { warning: null };
    await getAuth().api.checkInvite({ body: { email: parsed.data.email, role: parsed.data.role }, headers: gate.headers });
    return { warning: null };
  } catch (error) {
    const code = codeOf(error);
    return { warning: code && addressCodes.has(code) ? messageForCode(code) : null };
  }
}

export const createInviteAction = formAction<typeof createInviteSchema, CreateInviteState>(
  {
    schema: createInviteSchema,
    access: inviter,
    rateLimit: "/invite/create",
    refused: (error, values) => {
      const code = codeOf(error);
      if (code && addressCodes.has(code)) return { status: "error", fieldErrors: { email: [messageForCode(code)] }, values };
      const message = emailNotSentMessage(error, "create");
      return message ? { status: "error", message, values } : undefined;
    },
  },
  async ({ email, role, tokenType, expiresIn, maxUses, message, copyLink, allowedDomains }, { headers }) => {
    const created = await getAuth().api.createInvite({
      body: {
        role,
        email,
        tokenType,
        expiresIn: expiresIn ?? defaultInviteLifetime[role],
        maxUses: email ? 1 : (maxUses ?? 1),
        message,
        ...(email ? { notify: !copyLink } : { allowedDomains }),
      },
      headers,
    });
    revalidatePath("/dashboard/invites");
    const kind = tokenType === "code" ? "code" : "link";
    const shareable =
      tokenType === "code" ? { kind: "code" as const, value: created.token } : { kind: "token" as const, value: created.url };
    if (email && copyLink) {
      return {
        status: "success",
        message: `Invitation for ${email} created with ${roleLabels[role]} role. No email was sent: copy the ${kind} and send it to them yourself. It is shown only once.`,
        shareable,
      };
    }
    if (email) return { status: "success", message: `Invitation sent to ${email} with ${roleLabels[role]} role!` };
    const domains = allowedDomains ? `, for people at ${allowedDomains.join(", ")}` : "";
    return {
      status: "success",
      message: `Shareable ${kind} created with ${roleLabels[role]} role${domains}. Copy it now: it is shown only once.`,
      shareable,
    };
  },
);

/** An id that is not one reads as what it is to the admin: no such invitation. */
const unknownInvitation = (): FormState => ({ status: "error", message: messageForCode("INVALID_TOKEN") });

export const cancelInviteAction = formAction<typeof inviteIdSchema, FormState>(
  { schema: inviteIdSchema, access: inviter, invalid: unknownInvitation },
  async ({ id }, { headers }) => {
    await getAuth().api.cancelInvite({ body: { id }, headers });
    revalidatePath("/dashboard/invites");
    return { status: "success", message: "Invitation revoked." };
  },
);

export const resendInviteAction = formAction<typeof inviteIdSchema, FormState>(
  {
    schema: inviteIdSchema,
    access: inviter,
    rateLimit: "/invite/resend",
    invalid: unknownInvitation,
    refused: (error) => {
      const message = emailNotSentMessage(error, "resend");
      return message ? { status: "error", message } : undefined;
    },
  },
  async ({ id }, { headers }) => {
    const { invitation } = await getAuth().api.resendInvite({ body: { id }, headers });
    revalidatePath("/dashboard/invites");
    return { status: "success", message: `Invitation sent again to ${invitation.email}. The previous link no longer works.` };
  },
);

/** One private invitation per address, each on its own: a bad or refused address does not stop the others. */
export const bulkInviteAction = formAction<typeof bulkInviteSchema, BulkInviteState>(
  // One count per submission: a bulk send is capped at 50 addresses instead.
  { schema: bulkInviteSchema, access: inviter, rateLimit: "/invite/create" },
  async ({ emails, role }, { headers }) => {
    const results: NonNullable<BulkInviteState["results"]> = [];
    for (const email of emails) {
      if (!z.email().safeParse(email).success) {
        results.push({ email, ok: false, message: "Not a valid email address." });
        continue;
      }
      try {
        await getAuth().api.createInvite({ body: { role, email, expiresIn: defaultInviteLifetime[role] }, headers });
        results.push({ email, ok: true, message: "Sent" });
      } catch (error) {
        if (!codeOf(error) && !isServiceUnavailable(error)) log.error("[invite-kit] bulk invitation failed", error);
        results.push({ email, ok: false, message: emailNotSentMessage(error, "create") ?? messageForError(error) });
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
  },
);
