import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";

export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];
export const themeSchema = z.object({ theme: z.enum(themes) });

export const THEME_COOKIE = "theme";

/** The visitor's choice, or "system" (follow prefers-color-scheme) for none or anything unknown. */
export async function currentTheme(): Promise<Theme> {
  const parsed = themeSchema.shape.theme.safeParse((await cookies()).get(THEME_COOKIE)?.value);
  return parsed.success ? parsed.data : "system";
}
