"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/server";
import { authErrorMessage, isExpectedAuthError } from "@/lib/errors/messages";
import { fieldErrorsOf, formValues, type FormState } from "@/lib/actions/form-state";
import { invitedEmailFor } from "@/lib/invitations/look-up";
import { log } from "@/lib/log";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getSession } from "@/lib/auth/session";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

/**
 * Where to go once signed in: when the invite plugin accepted an invitation
 * kept in the cookie, to its welcome page; otherwise to `next`, if it is safe.
 */
function afterSignInPath(result: unknown, next: string | undefined): string {
  const invite = typeof result === "object" && result !== null && "invite" in result ? result.invite : null;
  if (typeof invite === "object" && invite !== null && "accepted" in invite && invite.accepted === true && "redirectTo" in invite) {
    return safeRedirectPath(invite.redirectTo, "/dashboard/role-upgraded");
  }
  return safeRedirectPath(next, "/dashboard");
}

/** A form opened from a private invitation shows its address fixed; the server keeps it fixed too. */
async function otherThanInvited(email: string, next: string | undefined): Promise<string[] | undefined> {
  const invited = next ? await invitedEmailFor(safeRedirectPath(next, "")) : null;
  return invited && invited !== email ? [`This invitation was sent to ${invited}. Use that address.`] : undefined;
}

type SignInField = "email" | "password" | "form";
type SignUpField = "name" | "email" | "password" | "form";

export async function signInAction(_previous: FormState<SignInField>, formData: FormData): Promise<FormState<SignInField>> {
  const values = formValues(formData);
  const kept = { email: values.email ?? "" };
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values: kept };
  const wrongEmail = await otherThanInvited(parsed.data.email, parsed.data.next);
  if (wrongEmail) return { status: "error", fieldErrors: { email: wrongEmail }, values: kept };

  let result: unknown;
  try {
    result = await getAuth().api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: await headers(),
    });
  } catch (error) {
    if (!isExpectedAuthError(error)) log.error("[invite-kit] sign-in failed", error);
    return { status: "error", message: authErrorMessage(error), values: kept };
  }
  redirect(afterSignInPath(result, parsed.data.next));
}

export async function signUpAction(_previous: FormState<SignUpField>, formData: FormData): Promise<FormState<SignUpField>> {
  const values = formValues(formData);
  const kept = { name: values.name ?? "", email: values.email ?? "" };
  const parsed = signUpSchema.safeParse(values);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values: kept };
  const wrongEmail = await otherThanInvited(parsed.data.email, parsed.data.next);
  if (wrongEmail) return { status: "error", fieldErrors: { email: wrongEmail }, values: kept };

  let result: unknown;
  try {
    result = await getAuth().api.signUpEmail({
      body: { name: parsed.data.name, email: parsed.data.email, password: parsed.data.password, callbackURL: "/dashboard" },
      headers: await headers(),
    });
  } catch (error) {
    if (!isExpectedAuthError(error)) log.error("[invite-kit] sign-up failed", error);
    return { status: "error", message: authErrorMessage(error), values: kept };
  }
  redirect(afterSignInPath(result, parsed.data.next));
}

/** Signs out; with a `next` path (switching accounts on an invitation), goes on to sign in again there. */
export async function signOutAction(formData: FormData): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  const next = safeRedirectPath(formValues(formData).next, "");
  redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/");
}

export async function resendVerificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = safeRedirectPath(formValues(formData).next, "/dashboard");
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  if (session.user.emailVerified) return { status: "success", message: "Your email is already verified." };
  try {
    await getAuth().api.sendVerificationEmail({
      body: { email: session.user.email, callbackURL: next },
      headers: await headers(),
    });
  } catch (error) {
    if (!isExpectedAuthError(error)) log.error("[invite-kit] verification email failed", error);
    return { status: "error", message: authErrorMessage(error) };
  }
  return { status: "success", message: `We sent a new link to ${session.user.email}.` };
}
