"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formValues } from "@/lib/actions/form-state";
import { getAuth } from "@/lib/auth/server";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { seedAccounts } from "@/lib/auth/seed";

const demoSignInSchema = z.object({ email: z.email(), next: z.string().optional() });

/**
 * Signs in as a seeded demo account, in development only. The password comes
 * from the server's own seed list, never from the form.
 */
export async function signInAsDemoAction(formData: FormData): Promise<void> {
  const env = getEnv();
  const parsed = demoSignInSchema.safeParse(formValues(formData));
  const account = parsed.success ? seedAccounts(env).find((candidate) => candidate.email === parsed.data.email) : undefined;
  if (!env.isDevelopment || !parsed.success || !account) redirect("/sign-in");
  try {
    await getAuth().api.signInEmail({
      body: { email: account.email, password: account.password },
      headers: await headers(),
    });
  } catch (error) {
    // Someone changed the demo account's password since it was seeded: the form still works.
    log.warn(`[invite-kit] demo sign-in as ${account.email} failed`, error);
    redirect("/sign-in?demo=failed");
  }
  redirect(safeRedirectPath(parsed.data.next, "/dashboard"));
}
