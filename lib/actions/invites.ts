"use server";

import { z } from "zod";
import { formAction, redirectTo, type Access } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/server";
import { formatCode, looksLikeCode } from "@invite-kit/better-auth";
import { isExpectedAuthError, messageForCode, messageForError } from "@/lib/errors/messages";
import { getSession } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const tokenSchema = z.object({ token: z.string().trim().min(1).max(512) });

/** The invitee, signed in; otherwise off to sign in, and back to the invitation's page. */
const invitee: Access = { kind: "signed-in", returnTo: (values) => `/invite/${values.token ?? ""}` };

/** A token too long or malformed to look up is, to the visitor, simply not a valid invitation. */
const notValid = (): FormState => ({ status: "error", message: messageForCode("INVALID_TOKEN") });

/** Accepts for the signed-in user. The role comes from the stored invitation, never from the form. */
export const acceptInviteAction = formAction<typeof tokenSchema, FormState>(
  // An outage reads as such: the accept rolled back whole, or (its answer lost after COMMIT) committed whole, and
  // trying again tells which.
  { schema: tokenSchema, access: invitee, invalid: notValid, keep: () => ({}) },
  async ({ token }, { headers }) => {
    // The plugin counts the look-up against the visitor's budget, read from these headers.
    const result = await getAuth().api.acceptInvite({ body: { token }, headers });
    return redirectTo(safeRedirectPath(result.redirectTo, "/dashboard/role-upgraded"));
  },
);

/** Declines a private invitation for the signed-in invitee. */
export const declineInviteAction = formAction<typeof tokenSchema, FormState>(
  { schema: tokenSchema, access: invitee, invalid: notValid, keep: () => ({}) },
  async ({ token }, { headers }) => {
    await getAuth().api.rejectInvite({ body: { token }, headers });
    return { status: "success", message: "You declined this invitation. Nothing about your account changed." };
  },
);

const codeSchema = z.object({
  code: z
    .string({ error: "Enter the code from your invitation." })
    .trim()
    .refine(looksLikeCode, "Codes have ten letters and digits, like 7KQX2-M9PAR."),
});

/**
 * Opens the invitation page for a typed code, as the emailed link does for a token: for a visitor who is not signed
 * in, the plugin keeps the code in the invite cookie, so the sign-in or sign-up that follows accepts it with no second
 * "Accept". A code it refuses is answered here, on the form, so the visitor can type it again.
 */
export const openInviteCodeAction = formAction<typeof codeSchema, FormState<"code">>(
  {
    schema: codeSchema,
    access: { kind: "public" },
    keep: (values) => ({ code: values.code ?? "" }),
    // The plugin's refusal (an unknown or spent code, too many tries) goes on the field; an outage reads as one.
    refused: (error, values) =>
      isExpectedAuthError(error)
        ? { status: "error", fieldErrors: { code: [messageForError(error)] }, values: { code: values.code ?? "" } }
        : undefined,
  },
  async ({ code }, { headers }) => {
    const token = formatCode(code);
    // Signed in, the accept page shows the role and its Accept button: typing a code never grants a role unseen.
    if (!(await getSession())) await getAuth().api.activateInvite({ body: { token }, headers });
    return redirectTo(`/invite/${token}`);
  },
);
