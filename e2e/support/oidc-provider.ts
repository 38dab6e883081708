// A real OpenID Connect provider (panva's oidc-provider, a certified implementation) on loopback, for sign-ins through
// Better Auth's genericOAuth: its people sign in at its own page by their address, and it says whether it verified it.
// The package's contract suite has its twin (packages/better-auth-invite/test/support/): the package is tested alone.
import { createHash, generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type ProviderAccount = { email: string; name: string; emailVerified: boolean };

export type OidcProvider = {
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The people who can sign in here, by address: add one at any time. */
  accounts: Map<string, ProviderAccount>;
  stop: () => Promise<void>;
};

/** The subject the provider gives an address: stable, and not the address itself (as real providers do). */
const subjectOf = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 24);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function loginPage(uid: string, name: string, problem?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to ${escapeHtml(name)}</title></head>
<body><main><h1>Sign in to ${escapeHtml(name)}</h1>${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return new URLSearchParams(text);
}

/**
 * Starts the provider on `port` (0: any free one) on 127.0.0.1, with one confidential client whose only redirect is
 * `redirectUri`. Its sign-in page takes an address and no password: whoever types a known address is that person.
 */
export async function startOidcProvider(options: {
  port?: number;
  name?: string;
  redirectUri: string;
  accounts?: ProviderAccount[];
}): Promise<OidcProvider> {
  const name = options.name ?? "Test SSO";
  const accounts = new Map((options.accounts ?? []).map((account) => [account.email, account]));
  const bySubject = (subject: string) => [...accounts.values()].find((account) => subjectOf(account.email) === subject);
  const clientId = "invite-kit";
  const clientSecret = "invite-kit-test-client-secret-0123456789";
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ["invite-kit-test-provider-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    // Short lives, said outright (the defaults print a notice each): a test's sign-in takes seconds.
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, subject) {
      const account = bySubject(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: () => ({ sub: subject, email: account.email, email_verified: account.emailVerified, name: account.name }),
      };
    },
  });
  const callback = provider.callback();

  server.on("request", (request, response) => {
    const path = new URL(request.url ?? "/", issuer).pathname;
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(path);
    if (!interaction) {
      callback(request, response);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(request, response);
      if (request.method !== "POST") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(details.uid, name));
        return;
      }
      const email = (await formBody(request)).get("email")?.trim().toLowerCase() ?? "";
      const account = accounts.get(email);
      if (!account) {
        response
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(loginPage(details.uid, name, "No account here has that address."));
        return;
      }
      const accountId = subjectOf(account.email);
      // Signing in here consents too: the app asks for nothing but who the person is.
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`The test provider failed: ${String(error)}`);
    });
  });

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    accounts,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
