"use server";

import { cookies } from "next/headers";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { THEME_COOKIE, themeSchema } from "@/lib/preferences/theme";

/** Light, dark or the system's: kept a year in a cookie the layout reads, so the page is drawn right the first time. */
export const setThemeAction = formAction<typeof themeSchema, FormState>(
  { schema: themeSchema, access: { kind: "public" } },
  async ({ theme }) => {
    const jar = await cookies();
    if (theme === "system") jar.delete(THEME_COOKIE);
    else jar.set(THEME_COOKIE, theme, { path: "/", maxAge: 365 * 86_400, sameSite: "lax", httpOnly: true });
    return { status: "success", message: theme };
  },
);
