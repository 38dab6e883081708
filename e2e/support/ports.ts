// Every port the browser stories and the security suite listen on, in one place. The projects run side by side
// (playwright.config.ts), so two servers a spec starts itself in two projects at once must never share a port.

/** E2E_PORT moves them all, so that two checkouts can run their suites side by side. */
export const firstPort = Number(process.env.E2E_PORT ?? 3100);

/** The production servers Playwright starts for the stories, one per database project. */
export const storyServerPort = { pglite: firstPort, postgres: firstPort + 1 } as const;

/** `next dev`, for the dev project (e2e/dev-server.spec.ts). */
export const devServerPort = firstPort + 6;

/**
 * The servers a story starts itself (the OpenID Connect spec's app and provider, production-start's refused server),
 * apart per database project: PGlite's from + 7, PostgreSQL's from + 50, clear of the security suite's (+ 10 to + 49).
 */
export function ownServerPort(project: string, server: "oidc-app" | "oidc-provider" | "refused-start"): number {
  const base = project === "postgres" ? firstPort + 50 : firstPort + 7;
  return base + { "oidc-app": 0, "oidc-provider": 1, "refused-start": 2 }[server];
}

/** The security suite's servers (tests/security/): + 10 for its shared one, + 11 to + 49 for those its specs start. */
export function securityPort(offset: number): number {
  if (offset < 0 || offset > 39) throw new Error(`security ports are + 10 to + 49, got offset ${offset}`);
  return firstPort + 10 + offset;
}
