"use server";

import { getAuth } from "@/lib/auth/server";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { MAGIC_LINK_MINUTES } from "@/lib/email/magic-links";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { otherThanInvited } from "@/lib/invitations/look-up";
import { magicLinkSchema } from "@/lib/validations/auth";

type MagicLinkField = "email" | "name" | "form";

/**
 * "Email me a sign-in link", from the sign-in or sign-up form. The link signs in, or creates the account of an address
 * that has none (named as typed on sign-up, after the address on sign-in). It comes back to `next`: an invitation
 * kept in the cookie is accepted on the way, and the plugin then sends the invitee to its welcome page instead. A link
 * that fails (expired, used, an invitation for another address) lands on the sign-in page, which says why.
 */
export const sendMagicLinkAction = formAction<typeof magicLinkSchema, FormState<MagicLinkField>>(
  {
    schema: magicLinkSchema,
    access: { kind: "public" },
    rateLimit: "/sign-in/magic-link",
    keep: (values) => ({ name: values.name ?? "", email: values.email ?? "" }),
  },
  async ({ email, name, next }, { headers }) => {
    const wrongEmail = await otherThanInvited(email, next);
    if (wrongEmail) return { status: "error", fieldErrors: { email: wrongEmail }, values: { name, email } };
    const back = safeRedirectPath(next, "");
    await getAuth().api.signInMagicLink({
      body: {
        email,
        name: name ?? email.slice(0, email.indexOf("@")),
        callbackURL: back || "/dashboard",
        errorCallbackURL: back ? `/sign-in?via=magic-link&next=${encodeURIComponent(back)}` : "/sign-in?via=magic-link",
      },
      headers,
    });
    // The same answer whoever the address belongs to, if anyone.
    return {
      status: "success",
      message: `We sent a sign-in link to ${email}. Open it within ${MAGIC_LINK_MINUTES} minutes.`,
      values: { name, email },
    };
  },
);
