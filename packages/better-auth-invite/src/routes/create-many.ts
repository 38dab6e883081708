// POST /invite/create-many: one private invitation for each address of a list, each made (or refused) on its own.
import { refuseInvitationFields } from "../invitation-fields";
import { APIError, createAuthEndpoint, isAPIError } from "better-auth/api";
import { z } from "zod";
import { assertMayGrant, isAboveInviter } from "../authority";
import type { GenericEndpointContext } from "../context";
import { createInvitation, createInviteBody, sharedInvitationFields } from "../create-invitation";
import { INVITE_ERROR_CODES, type InviteError } from "../error-codes";
import { array, invitationSchema, jsonBody, object, oneOf, operation, string } from "../openapi";
import type { ResolvedInviteOptions } from "../options";
import { adminOptionsOf, roleExists } from "../roles";
import type { PublicInvitation } from "../serialize";
import { spendOneSend } from "../send-budget";
import { normalizeEmail } from "../store";
import { text } from "../text";
import type { InviteUser } from "../types";
import { inviteSessionMiddleware } from "./session";

export const MAX_ADDRESSES = 100;

const createManyBody = z.strictObject({
  // Any text up to a sane length: an address that is not one is refused on its own line, not with the whole list.
  emails: z.array(text().max(1024)).min(1).max(MAX_ADDRESSES),
  ...sharedInvitationFields,
});

/** What happened to one address of the list, in the order given. */
export type CreateManyResult =
  | {
      /** The address as given. */
      email: string;
      status: "created";
      invitation: PublicInvitation;
      /** Only with `notify: false`: the creator delivers the link. An emailed token goes to the inbox alone. */
      token?: string;
      url?: string;
    }
  | { email: string; status: "refused"; code: string; message: string };

/** What the answer documents for one result, every field named (the union's two shapes, flattened). */
type DocumentedResult = { email: string; status: string; code: string; message: string; invitation: unknown; token: string; url: string };

const refusal = (email: string, error: InviteError): CreateManyResult => ({
  email,
  status: "refused",
  code: error.code,
  message: error.message,
});

/** An APIError a check or a hook threw for one address, as its result; anything else is no refusal and is thrown on. */
function refusalOf(email: string, error: unknown): CreateManyResult {
  if (!isAPIError(error)) throw error;
  const code = typeof error.body?.code === "string" ? error.body.code : String(error.status);
  return { email, status: "refused", code, message: typeof error.body?.message === "string" ? error.body.message : error.message };
}

/**
 * What the whole list stands or falls by: the role exists, and the caller may grant it at all. A `canCreateInvite`
 * function may decide by address, so it is asked for each one (inside createInvitation); the hierarchy and the other
 * forms do not look at addresses, and refuse the list at once.
 */
async function assertMayGrantToAnyone(
  ctx: GenericEndpointContext,
  options: ResolvedInviteOptions,
  inviter: InviteUser,
  role: string,
): Promise<void> {
  if (!roleExists(adminOptionsOf(ctx), role)) throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.ROLE_NOT_FOUND);
  if (typeof options.canCreateInvite !== "function") return assertMayGrant(ctx, options, inviter, { email: null, role });
  if (isAboveInviter(ctx, options, inviter, role)) throw APIError.from("FORBIDDEN", INVITE_ERROR_CODES.ROLE_ABOVE_INVITER);
}

export const createManyInvites = (options: ResolvedInviteOptions) =>
  createAuthEndpoint(
    "/invite/create-many",
    {
      method: "POST",
      body: createManyBody,
      onValidationError: refuseInvitationFields,
      use: [inviteSessionMiddleware],
      metadata: {
        openapi: operation({
          operationId: "createManyInvites",
          summary: "Create a private invitation for each address of a list",
          description: [
            "Needs a session and `canCreateInvite` for the role, as `POST /invite/create` does. Up to 100 addresses, each",
            "checked and created on its own, in turn, with create's checks (and `invitationLimit`): one refused never",
            "stops the others. The answer has one result per address, in the order given: `created` with its invitation,",
            "or `refused` with the code and message create would have answered. An address that is not one is refused",
            "with `INVALID_EMAIL`; one listed again (after trimming and lower-casing) with `DUPLICATE_EMAIL`, the first",
            "keeping its invitation. Each address spends one invitation from the caller's per-address budget of",
            "`POST /invite/create` (`sendRateLimit`, by default 20 per 60 s): once it is spent, the remaining addresses are",
            "refused with `TOO_MANY_REQUESTS`. The `token` and `url` of each invitation come back only with",
            "`notify: false`, where the creator delivers them; an emailed token goes to its inbox alone.",
          ].join(" "),
          requestBody: jsonBody(createManyBody, {
            emails: "1 to 100 addresses. Each is trimmed and lower-cased; one that is not an address is refused on its own.",
            role: "The role every invitation grants: one of the admin plugin's roles.",
            expiresIn: "Seconds until each expires, at most a year. Default: `invitationTokenExpiresIn` (7 days).",
            notify: "`false` sends nothing: each created result carries its `token` and `url` for the creator to deliver. Default: true.",
            metadata:
              "The creator's own data for every invitation, a JSON object of at most 4 kB, as on create; never shown to a token holder.",
            message: "A personal note for every invitee, plain text, at most 500 characters, as on create.",
          }),
          success: {
            description: "One result per address, in the order given.",
            schema: object({
              results: array(
                object<DocumentedResult>(
                  {
                    email: string("The address as it was given."),
                    status: oneOf(["created", "refused"], "Whether this address got an invitation."),
                    code: string("Refused: why, as create's error code (or a hook's own)."),
                    message: string("Refused: the code's sentence, in English."),
                    invitation: invitationSchema("Created: the invitation."),
                    token: string("Created with `notify: false`: the raw token, shown once."),
                    url: { type: "string", format: "uri", description: "Created with `notify: false`: the link to deliver." },
                  },
                  { description: "One address's outcome.", optional: ["code", "message", "invitation", "token", "url"] },
                ),
                "In the order of `emails`.",
              ),
            }),
          },
          errors: {
            400: ["INVALID_METADATA", "ROLE_NOT_FOUND", "INVITATION_EMAIL_NOT_ENABLED"],
            401: ["USER_NOT_LOGGED_IN"],
            403: ["INSUFFICIENT_PERMISSIONS", "ROLE_ABOVE_INVITER"],
          },
        }),
      },
    },
    async (ctx) => {
      const inviter = ctx.context.session.user;
      const { emails, ...shared } = ctx.body;
      await assertMayGrantToAnyone(ctx, options, inviter, shared.role);
      if (shared.notify !== false && !options.sendUserInvitation) {
        throw APIError.from("BAD_REQUEST", INVITE_ERROR_CODES.INVITATION_EMAIL_NOT_ENABLED);
      }

      const seen = new Set<string>();
      let budgetSpent = false;
      const results: CreateManyResult[] = [];
      // In turn, not at once: the invitation limit and the send budget are then exact for the list.
      for (const given of emails) {
        const address = createInviteBody.shape.email.safeParse(given);
        if (!address.success || address.data === undefined) {
          results.push(refusal(given, INVITE_ERROR_CODES.INVALID_EMAIL));
          continue;
        }
        const email = normalizeEmail(address.data);
        if (seen.has(email)) {
          results.push(refusal(given, INVITE_ERROR_CODES.DUPLICATE_EMAIL));
          continue;
        }
        seen.add(email);
        // Once the budget is spent the rest are refused without asking the storage again.
        budgetSpent ||= !(await spendOneSend(ctx, options)).allowed;
        if (budgetSpent) {
          results.push(refusal(given, INVITE_ERROR_CODES.TOO_MANY_REQUESTS));
          continue;
        }
        try {
          const created = await createInvitation(ctx, options, inviter, { ...shared, email });
          results.push(
            shared.notify === false
              ? { email: given, status: "created", ...created }
              : { email: given, status: "created", invitation: created.invitation },
          );
        } catch (error) {
          results.push(refusalOf(given, error));
        }
      }
      return ctx.json({ results });
    },
  );
