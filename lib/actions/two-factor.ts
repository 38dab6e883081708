"use server";

import { revalidatePath } from "next/cache";
import { formAction, redirectTo } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { afterSignInPath } from "@/lib/auth/after-sign-in";
import { getAuth } from "@/lib/auth/server";
import { messageForCode } from "@/lib/errors/messages";
import { secondFactorSchema, totpCodeSchema, twoFactorPasswordSchema } from "@/lib/validations/auth";

const SECURITY = "/dashboard/security";

/** A backup code as Better Auth stores it, `abcde-12345`, however it was typed. */
function backupCode(code: string): string {
  return code.includes("-") ? code : `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The second step of a password sign-in for an account with two-factor on (the first left Better Auth's two_factor
 * cookie): a code from the authenticator app, or a backup code. This is the call that creates the session, so it is the
 * one that accepts an invitation kept in the cookie, and where to go next follows from that, as after a password.
 */
export const secondFactorAction = formAction<typeof secondFactorSchema, FormState<"code" | "form">>(
  { schema: secondFactorSchema, access: { kind: "public" }, rateLimit: "/two-factor/verify-totp", keep: () => ({}) },
  async ({ code, next }, { headers }) => {
    const auth = getAuth();
    const result = /^\d{6}$/.test(code)
      ? await auth.api.verifyTOTP({ body: { code }, headers })
      : await auth.api.verifyBackupCode({ body: { code: backupCode(code) }, headers });
    return redirectTo(afterSignInPath(result, next));
  },
);

export type TwoFactorSetupState = FormState<"password" | "form"> & {
  /** Shown once, to the account's owner: what their authenticator app needs, and the codes that stand in for it. */
  setup?: { totpURI: string; secret: string; backupCodes: string[] };
};

const owner = { kind: "signed-in", returnTo: () => SECURITY } as const;

/** Turning two-factor on, first step: Better Auth makes the secret and backup codes; nothing is asked at sign-in yet. */
export const enableTwoFactorAction = formAction<typeof twoFactorPasswordSchema, TwoFactorSetupState>(
  { schema: twoFactorPasswordSchema, access: owner, rateLimit: "/two-factor/enable", keep: () => ({}) },
  async ({ password }, { headers }) => {
    const enabled = await getAuth().api.enableTwoFactor({ body: { password, method: "totp" }, headers });
    if (enabled.method !== "totp") return { status: "error", message: messageForCode(undefined) };
    const secret = new URL(enabled.totpURI).searchParams.get("secret") ?? "";
    return { status: "success", setup: { totpURI: enabled.totpURI, secret, backupCodes: enabled.backupCodes } };
  },
);

/** Second step: the first code from the app proves it holds the secret, and from then on sign-in asks for one. */
export const confirmTwoFactorAction = formAction<typeof totpCodeSchema, FormState<"code" | "form">>(
  { schema: totpCodeSchema, access: owner, rateLimit: "/two-factor/verify-totp", keep: () => ({}) },
  async ({ code }, { headers }) => {
    await getAuth().api.verifyTOTP({ body: { code }, headers });
    revalidatePath(SECURITY);
    return redirectTo(`${SECURITY}?enabled=1`);
  },
);

export const disableTwoFactorAction = formAction<typeof twoFactorPasswordSchema, FormState<"password" | "form">>(
  { schema: twoFactorPasswordSchema, access: owner, rateLimit: "/two-factor/disable", keep: () => ({}) },
  async ({ password }, { headers }) => {
    await getAuth().api.disableTwoFactor({ body: { password }, headers });
    revalidatePath(SECURITY);
    return redirectTo(`${SECURITY}?disabled=1`);
  },
);
