// POST /invite/create: someone allowed to grant a role creates an invitation that carries it.
import { createAuthEndpoint } from "better-auth/api";
import { createInvitation, createInviteBody } from "../create-invitation";
import { refuseInvitationFields } from "../invitation-fields";
import { invitationSchema, jsonBody, object, operation, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { inviteSessionMiddleware } from "./session";

export const createInvite = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/create",
    {
      method: "POST",
      body: createInviteBody,
      onValidationError: refuseInvitationFields,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "createInvite",
          summary: "Create an invitation that grants a role",
          description: [
            "Needs a session and `canCreateInvite` (default: admins), for a role no higher than the caller's own.",
            "With `email` the invitation is private: bound to that address, single-use, and sent through `sendUserInvitation`;",
            "without, it is a shareable link or code with `maxUses` uses. The answer holds the raw `token` and its `url`,",
            "returned here and nowhere else. Sends email, so it is rate limited per address (by default 20 per 60 s).",
            "Over `invitationLimit`, the caller's pending invitations, it is refused. A `beforeCreateInvite` hook may refuse",
            "with an error of its own.",
          ].join(" "),
          requestBody: jsonBody(createInviteBody, {
            role: "The role to grant: one of the admin plugin's roles.",
            email: "Makes the invitation private: only a verified account with this address can accept it. Trimmed and lower-cased.",
            tokenType:
              "`token`: a long link token; `code`: a short code to type; `custom`: from the app's `generateToken`. Default: `defaultTokenType`.",
            maxUses: "Uses allowed; null for unlimited. With an `email`, only 1. Default: `defaultMaxUses`.",
            expiresIn: "Seconds until it expires, at most a year. Default: `invitationTokenExpiresIn` (7 days).",
            redirectToAfterUpgrade: "Where the invitee goes after accepting: a relative path, or a URL on an origin Better Auth trusts.",
            notify:
              "With an `email`: `false` sends nothing (the creator passes the link on); `sendUserInvitation` is then not needed. Default: true.",
            metadata:
              "The creator's own data, a JSON object of at most 4 kB (UTF-8 bytes of its JSON): returned to the creator and admins (create, list), passed to hooks and `sendUserInvitation`, copied onto each use; never shown to a token holder.",
            message:
              "A personal note to the invitee, plain text, at most 500 characters once trimmed (empty: none). Passed to `sendUserInvitation` and returned by `GET /invite/get`: escape it wherever it is shown.",
            allowedDomains:
              "A shareable invitation only: 1–20 domains (lower-cased, a leading `@` dropped, duplicates merged). Only an account whose verified address is at exactly one of them may accept, and a sign-up through it needs such an address; subdomains are not included.",
          }),
          success: {
            description: "The invitation, with its token and link.",
            schema: object({
              invitation: invitationSchema("The invitation made."),
              token: string("The raw token or code. Only its hash is stored: it cannot be read again."),
              url: { type: "string", format: "uri", description: "The link to send: `<baseURL>/invite/<token>`." },
            }),
          },
          errors: {
            400: [
              "INVALID_METADATA",
              "INVALID_ALLOWED_DOMAINS",
              "ROLE_NOT_FOUND",
              "INVITATION_EMAIL_NOT_ENABLED",
              "INVALID_REDIRECT_URL",
              "CUSTOM_TOKEN_NOT_ENABLED",
              "CANNOT_INVITE_YOURSELF",
            ],
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS", "ROLE_ABOVE_INVITER", "INVITATION_LIMIT_REACHED"],
            409: ["ALREADY_HAS_ROLE", "ALREADY_INVITED"],
            502: ["ERROR_SENDING_THE_INVITATION_EMAIL"],
          },
        }),
      },
    },
    async (ctx) => ctx.json(await createInvitation(ctx, options, ctx.context.session.user, ctx.body)),
  );
