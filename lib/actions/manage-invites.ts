"use server";

import { isAPIError } from "better-auth/api";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { admit, formAction, type Access } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/server";
import { defaultInviteLifetime, grantableRoles, isRoleName, roleLabels } from "@/lib/auth/permissions";
import { bulkSummary, csvEntries, csvFileProblem, listSizeProblem, pastedEntries } from "@/lib/invitations/bulk-list";
import { type BulkOutcome, sendBulkInvitations } from "@/lib/invitations/bulk-send";
import { manageEach, manageSummary } from "@/lib/invitations/bulk-manage";
import { codeOf, messageForCode } from "@/lib/errors/messages";
import { bulkInviteSchema, bulkManageSchema, createInviteSchema, inviteIdSchema, restoreInvitesSchema } from "@/lib/validations/invite";

export type CreateInviteState = FormState<
  "audience" | "email" | "role" | "expiresIn" | "maxUses" | "tokenType" | "message" | "copyLink" | "allowedDomains" | "form"
> & {
  /** Shown once: the link or code the admin passes on themselves (a shareable invitation, or a private one not emailed). */
  shareable?: { kind: "token" | "code"; value: string };
};

/** One address of a bulk send, as the form shows it. */
export type BulkResult = {
  email: string;
  ok: boolean;
  message: string;
  /** Its row in the CSV file (the header is row 1); none for a pasted address. */
  row?: number;
  /** Given earlier in the list: not an invitation of its own, so not counted in the summary. */
  duplicate?: true;
};

export type BulkInviteState = FormState<"emails" | "role" | "csv" | "form"> & { results?: BulkResult[] };

/** What revoke, resend and their Undo answer: `restorable` holds the invitations a revoke just ended, for its Undo. */
export type ManageInvitesState = FormState & { restorable?: string[] };

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
    // Kept for the next invitation: an admin inviting a team sends several of one kind and role in a row.
    const values = { audience: email ? "person" : "anyone", role };
    const shareable =
      tokenType === "code" ? { kind: "code" as const, value: created.token } : { kind: "token" as const, value: created.url };
    if (email && copyLink) {
      return {
        status: "success",
        message: `Invitation for ${email} created with ${roleLabels[role]} role. No email was sent: copy the ${kind} and send it to them yourself. It is shown only once.`,
        shareable,
        values,
      };
    }
    if (email) return { status: "success", message: `Invitation sent to ${email} with ${roleLabels[role]} role!`, values };
    const domains = allowedDomains ? `, for people at ${allowedDomains.join(", ")}` : "";
    return {
      status: "success",
      message: `Shareable ${kind} created with ${roleLabels[role]} role${domains}. Copy it now: it is shown only once.`,
      shareable,
      values,
    };
  },
);

/** An id that is not one reads as what it is to the admin: no such invitation. */
const unknownInvitation = (): FormState => ({ status: "error", message: messageForCode("INVALID_TOKEN") });

export const cancelInviteAction = formAction<typeof inviteIdSchema, ManageInvitesState>(
  { schema: inviteIdSchema, access: inviter, invalid: unknownInvitation },
  async ({ id }, { headers }) => {
    await getAuth().api.cancelInvite({ body: { id }, headers });
    revalidatePath("/dashboard/invites");
    return { status: "success", message: "Invitation revoked.", restorable: [id] };
  },
);

/** A list the schema refused (none ticked, more than a page), said in one sentence. */
const selectionProblem = (error: { issues: { message: string }[] }): ManageInvitesState => ({
  status: "error",
  message: error.issues[0]?.message ?? "Select at least one invitation first.",
});

/**
 * The table's bulk bar: revoke or resend the ticked invitations of the page, each through the plugin, which checks
 * the permission for each; the answer counts what was done and why the rest was not.
 */
export const bulkManageInvitesAction = formAction<typeof bulkManageSchema, ManageInvitesState>(
  { schema: bulkManageSchema, access: inviter, lists: ["ids", "pageIds"], invalid: selectionProblem },
  async ({ intent, ids }, { headers }) => {
    const outcomes = await manageEach(intent, ids, headers);
    revalidatePath("/dashboard/invites");
    const revoked = intent === "revoke" ? outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.id) : [];
    return {
      status: outcomes.some((outcome) => outcome.ok) ? "success" : "error",
      message: manageSummary(intent, outcomes),
      ...(revoked.length ? { restorable: revoked } : {}),
    };
  },
);

/** Undo of a revoke (one row's, or the bulk bar's): each invitation restored through the plugin, within its window. */
export const restoreInvitesAction = formAction<typeof restoreInvitesSchema, ManageInvitesState>(
  { schema: restoreInvitesSchema, access: inviter, lists: ["ids"], invalid: selectionProblem },
  async ({ ids }, { headers }) => {
    const outcomes = await manageEach("restore", ids, headers);
    revalidatePath("/dashboard/invites");
    const [only] = outcomes;
    // One invitation's Undo says its refusal in the code's own sentence ("too late to undo…").
    if (outcomes.length === 1 && only && !only.ok) return { status: "error", message: messageForCode(only.code) };
    if (outcomes.length === 1 && only?.ok) return { status: "success", message: "Invitation restored: its link works again." };
    return { status: outcomes.some((outcome) => outcome.ok) ? "success" : "error", message: manageSummary("restore", outcomes) };
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

/** One entry's outcome, said for the admin: the plugin's code in the app's words, or the list's own reason. */
function resultOf({ entry, refusal }: BulkOutcome): BulkResult {
  const place = entry.row === undefined ? {} : { row: entry.row };
  if (!refusal) return { email: entry.email, ok: true, message: "Sent", ...place };
  if ("message" in refusal) return { email: entry.email, ok: false, message: refusal.message, ...place };
  const message = refusal.code === "ERROR_SENDING_THE_INVITATION_EMAIL" ? emailNotSent.create : messageForCode(refusal.code);
  return { email: entry.email, ok: false, message, ...place, ...(refusal.code === "DUPLICATE_EMAIL" ? { duplicate: true } : {}) };
}

/**
 * Private invitations for the pasted addresses and a CSV file's rows, each on its own: a bad or refused address does
 * not stop the others. With JavaScript the form calls this once per part of the list (bulk-list.ts's chunkEntries,
 * as a CSV file), to show its progress; without, once for the whole list. The plugin counts each address against
 * the send budget of POST /invite/create, so the action itself counts nothing.
 */
export const bulkInviteAction = formAction<typeof bulkInviteSchema, BulkInviteState>(
  { schema: bulkInviteSchema, access: inviter },
  async ({ emails, role }, { headers, session, files }) => {
    const fail = (field: "emails" | "csv", message: string): BulkInviteState => ({
      status: "error",
      fieldErrors: { [field]: [message] },
      values: { role, emails },
    });
    const entries = pastedEntries(emails, role);
    const file = files.csv;
    if (file) {
      const tooLarge = csvFileProblem(file);
      if (tooLarge) return fail("csv", tooLarge);
      const read = csvEntries(await file.text(), role);
      if ("error" in read) return fail("csv", read.error);
      entries.push(...read.entries);
    }
    const tooMany = listSizeProblem(entries);
    if (tooMany) return fail(file ? "csv" : "emails", tooMany);

    const outcomes = await sendBulkInvitations(entries, { grantable: grantableRoles(session?.user ?? {}), headers });
    revalidatePath("/dashboard/invites");
    const results = outcomes.map(resultOf);
    // Pasted addresses that were not sent go back in the box, to fix and send again; a CSV file is chosen again.
    const unsent = outcomes.filter((outcome, at) => outcome.entry.row === undefined && !results[at]?.ok && !results[at]?.duplicate);
    const roles = new Set(outcomes.map((outcome) => outcome.entry.role));
    return {
      status: results.every((result) => result.ok || result.duplicate) ? "success" : "error",
      message:
        bulkSummary(results, roles.size === 1 && isRoleName(role) && roles.has(role) ? role : undefined) +
        (unsent.length ? " The addresses that were not sent are left in the box, to fix and send again." : ""),
      results,
      values: { role, emails: unsent.map((outcome) => outcome.entry.email).join("\n") },
    };
  },
);
