import type { Env } from "@/lib/env";

/*
 * The identity providers people may sign in with, besides a password: the one list the buttons, the sign-in action
 * and the Content-Security-Policy read. Each is on when its client id and secret are set (lib/env.ts).
 */

export type SignInProviderId = "github" | "google" | "oidc";
export type SignInProvider = { id: SignInProviderId; label: string };

export function signInProvidersOf(env: Pick<Env, "signInProviders">): SignInProvider[] {
  const { github, google, oidc } = env.signInProviders;
  return [
    ...(github ? [{ id: "github" as const, label: "GitHub" }] : []),
    ...(google ? [{ id: "google" as const, label: "Google" }] : []),
    ...(oidc ? [{ id: "oidc" as const, label: oidc.name }] : []),
  ];
}

export function isSignInProvider(env: Pick<Env, "signInProviders">, id: string): id is SignInProviderId {
  return signInProvidersOf(env).some((provider) => provider.id === id);
}

/**
 * Where the sign-in form's answer sends the browser: each provider's authorization page. Without JavaScript the form's
 * POST is answered with a redirect there, which the policy's form-action must allow. An OpenID Connect provider is taken
 * to authorize on its discovery document's origin, as they do.
 */
export function providerFormOrigins(env: Pick<Env, "signInProviders">): string[] {
  const { github, google, oidc } = env.signInProviders;
  return [
    ...(github ? ["https://github.com"] : []),
    ...(google ? ["https://accounts.google.com"] : []),
    ...(oidc ? [new URL(oidc.discoveryUrl).origin] : []),
  ];
}
