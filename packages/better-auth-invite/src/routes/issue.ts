// Server only (never routed over HTTP): an invitation made by server code itself, with no signed-in inviter. It is how
// the first admin of a new deployment is made (the app's `npm run invite`), without a password in the environment.
import { refuseInvitationFields } from "../invitation-fields";
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { createInvitation, sharedInvitationFields } from "../create-invitation";
import { invitationSchema, jsonBody, object, operation, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { serverIssuer } from "../server-issuer";
import { text } from "../text";

const issueInviteBody = z.strictObject({
  ...sharedInvitationFields,
  email: text().trim().max(254).pipe(z.email()),
  issuerName: text().trim().min(1).max(100).optional(),
});

export const issueInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/issue",
    {
      method: "POST",
      body: issueInviteBody,
      onValidationError: refuseInvitationFields,
      metadata: {
        SERVER_ONLY: true,
        openapi: operation({
          operationId: "issueInvite",
          serverOnly: true,
          summary: "Make a private invitation as the server itself (server code only)",
          description: [
            "`auth.api.issueInvite` only: never routed over HTTP. A private, single-use invitation to `email` for any",
            "of the admin plugin's roles, made by no user: whoever runs server code already holds every power, so the",
            "invitation carries the server's authority, checked again at use like any other. Emailed through",
            "`sendUserInvitation` unless `notify` is false. For a deployment's first admin, or scripts.",
          ].join(" "),
          requestBody: jsonBody(issueInviteBody, {
            role: "The role to grant: one of the admin plugin's roles.",
            email: "The only address that can accept it. Trimmed and lower-cased.",
            expiresIn: "Seconds until it expires, at most a year. Default: `invitationTokenExpiresIn` (7 days).",
            notify: "`false` sends nothing (the caller passes the link on). Default: true.",
            issuerName: 'The name shown as the inviter. Default: the app\'s name, else "the administrator".',
            metadata: "Data of the caller's own, a JSON object of at most 4 kB, as on create.",
            message: "A personal note to the invitee, plain text, at most 500 characters, as on create.",
          }),
          success: {
            description: "The invitation, with its token and link.",
            schema: object({
              invitation: invitationSchema("The invitation made."),
              token: string("The raw token. Only its hash is stored: it cannot be read again."),
              url: { type: "string", format: "uri", description: "The link to send: `<baseURL>/invite/<token>`." },
            }),
          },
          errors: {
            400: ["INVALID_METADATA", "ROLE_NOT_FOUND", "INVITATION_EMAIL_NOT_ENABLED"],
            409: ["ALREADY_HAS_ROLE", "ALREADY_INVITED"],
            502: ["ERROR_SENDING_THE_INVITATION_EMAIL"],
          },
        }),
      },
    },
    async (ctx) => {
      const { issuerName, ...request } = ctx.body;
      const issuer = serverIssuer(issuerName ?? ctx.context.appName ?? "the administrator");
      return ctx.json(await createInvitation(ctx, options, issuer, request, { authority: "server" }));
    },
  );
