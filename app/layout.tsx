import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { ThemeToggle } from "@/components/theme-toggle";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { currentTheme } from "@/lib/preferences/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Invite Kit", template: "%s · Invite Kit" },
  description: "Role-based invitations for Better Auth: explicit, trackable, revocable.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await currentTheme();
  return (
    // No data-theme for "system": globals.css then follows prefers-color-scheme, with no script and no flash.
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <footer className="border-t border-zinc-200 px-4 py-6 text-xs text-zinc-600">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3">
            <p>Invite Kit — an open-source starter for role-based invitations with Better Auth.</p>
            <ThemeToggle current={theme} />
          </div>
        </footer>
        <TimeZoneCookie />
      </body>
    </html>
  );
}
