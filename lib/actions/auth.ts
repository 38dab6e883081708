"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/server";
import { z } from "zod";
import { messageForCode } from "@/lib/errors/messages";
import { formAction, redirectTo } from "@/lib/actions/form-action";
import { afterSignInPath, awaitsSecondFactor } from "@/lib/auth/after-sign-in";
import { formValues, type FormState } from "@/lib/actions/form-state";
import { otherThanInvited } from "@/lib/invitations/look-up";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

type SignInField = "email" | "password" | "form";
/** `secondFactor`: the password was right, and the account asks for its second factor (components/auth/two-factor-form.tsx). */
export type SignInState = FormState<SignInField> & { secondFactor?: true };
type SignUpField = "name" | "email" | "password" | "form";

export const signInAction = formAction<typeof signInSchema, SignInState>(
  { schema: signInSchema, access: { kind: "public" }, keep: (values) => ({ email: values.email ?? "" }) },
  async ({ email, password, next }, { headers }) => {
    const wrongEmail = await otherThanInvited(email, next);
    if (wrongEmail) return { status: "error", fieldErrors: { email: wrongEmail }, values: { email } };
    const result = await getAuth().api.signInEmail({ body: { email, password }, headers });
    // No session yet: the invitation in the cookie waits for the code too (the plugin holds it back).
    if (awaitsSecondFactor(result)) return { status: "success", secondFactor: true, values: { email } };
    return redirectTo(afterSignInPath(result, next));
  },
);

export const signUpAction = formAction<typeof signUpSchema, FormState<SignUpField>>(
  { schema: signUpSchema, access: { kind: "public" }, keep: (values) => ({ name: values.name ?? "", email: values.email ?? "" }) },
  async ({ name, email, password, next }, { headers }) => {
    const wrongEmail = await otherThanInvited(email, next);
    if (wrongEmail) return { status: "error", fieldErrors: { email: wrongEmail }, values: { name, email } };
    const result = await getAuth().api.signUpEmail({ body: { name, email, password, callbackURL: "/dashboard" }, headers });
    return redirectTo(afterSignInPath(result, next));
  },
);

/** Signs out; with a `next` path (switching accounts on an invitation), goes on to sign in again there. */
export async function signOutAction(formData: FormData): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  const next = safeRedirectPath(formValues(formData).next, "");
  redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/");
}

const nextSchema = z.object({ next: z.string().optional() });

export const resendVerificationAction = formAction<typeof nextSchema, FormState>(
  {
    schema: nextSchema,
    access: { kind: "signed-in", returnTo: (values) => safeRedirectPath(values.next, "/dashboard") },
    keep: () => ({}),
  },
  async ({ next }, { session, headers }) => {
    if (!session) return { status: "error", message: messageForCode("USER_NOT_LOGGED_IN") };
    if (session.user.emailVerified) return { status: "success", message: "Your email is already verified." };
    await getAuth().api.sendVerificationEmail({
      body: { email: session.user.email, callbackURL: safeRedirectPath(next, "/dashboard") },
      headers,
    });
    return { status: "success", message: `We sent a new link to ${session.user.email}.` };
  },
);
