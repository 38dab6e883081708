import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { genericOAuth } from "better-auth/plugins";
import type { Env } from "@/lib/env";

/*
 * Better Auth's side of the sign-in providers of lib/auth/sign-in-providers.ts. A provider's callback is
 * `<BETTER_AUTH_URL>/api/auth/callback/<id>` (github, google, oidc): the address to register with it. The invite plugin
 * accepts the invitation in the invite cookie on that callback, and redirects to the welcome page or back to the
 * invitation; an address the provider did not verify never takes a private invitation.
 */

export function socialProvidersOf(env: Pick<Env, "signInProviders">): NonNullable<BetterAuthOptions["socialProviders"]> {
  const { github, google } = env.signInProviders;
  return {
    ...(github ? { github: { clientId: github.clientId, clientSecret: github.clientSecret } } : {}),
    ...(google ? { google: { clientId: google.clientId, clientSecret: google.clientSecret } } : {}),
  };
}

/** An OpenID Connect provider, through Better Auth's genericOAuth plugin: none when OIDC_* is not set. */
export function oidcPluginsOf(env: Pick<Env, "signInProviders">) {
  const { oidc } = env.signInProviders;
  if (!oidc) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: "oidc",
          name: oidc.name,
          discoveryUrl: oidc.discoveryUrl,
          clientId: oidc.clientId,
          clientSecret: oidc.clientSecret,
          scopes: ["openid", "email", "profile"],
          // Only an ID token signed by the provider's keys (its discovery document's jwks_uri) is believed.
          requireIdTokenVerification: true,
        },
      ],
    }),
  ];
}
