import "server-only";
import type { MagicLinkOptions } from "better-auth/plugins";
import MagicLink, { magicLinkSubject } from "@/emails/magic-link";
import SignInLinkRefused, { signInLinkRefusedSubject } from "@/emails/sign-in-link-refused";
import { sendEmail } from "./mailer";

/** How long a sign-in link works: Better Auth's default, said in the email. */
export const MAGIC_LINK_MINUTES = 5;

/**
 * Better Auth's `sendMagicLink`. An account with two-factor on gets no link: Better Auth's twoFactor plugin asks for
 * the second factor on password sign-in only, so a link would be a way around it. It gets an email that says so, and
 * the form's answer is the same either way, so nobody learns from it which accounts have two-factor on.
 */
export const sendMagicLink: MagicLinkOptions["sendMagicLink"] = async ({ email, url }, ctx) => {
  if (!ctx) throw new Error("sendMagicLink is called by Better Auth's magic-link endpoint, with its context");
  const found = await ctx.context.internalAdapter.findUserByEmail(email);
  const user = found?.user;
  if (user && "twoFactorEnabled" in user && user.twoFactorEnabled === true) {
    const signInUrl = new URL("/sign-in", ctx.context.baseURL).toString();
    await sendEmail({ to: email, subject: signInLinkRefusedSubject, template: SignInLinkRefused({ signInUrl }) });
    return;
  }
  await sendEmail({ to: email, subject: magicLinkSubject, template: MagicLink({ url, minutes: MAGIC_LINK_MINUTES }) });
};
