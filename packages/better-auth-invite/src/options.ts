import { checkedLimit } from "./quota";
import type { InviteOptions } from "./types";

const DAY = 24 * 60 * 60;

/** The options with every default filled in, resolved once when the plugin is created. */
type Rule = { window: number; max: number };

export type ResolvedInviteOptions = InviteOptions &
  Required<
    Pick<
      InviteOptions,
      | "defaultTokenType"
      | "invitationTokenExpiresIn"
      | "defaultMaxUses"
      | "defaultRedirectAfterUpgrade"
      | "acceptPageURL"
      | "inviteOnly"
      | "guessBudget"
      | "remindAfter"
      | "restoreWindow"
    >
  > & {
    /** Per client address: the invitations sent (create and resend requests, create-many's addresses). */
    sendRateLimit: Rule;
    /** Per client address: the paths that answer whether a token exists. */
    lookupRateLimit: Rule;
  };

export function resolveOptions(options: InviteOptions): ResolvedInviteOptions {
  if (options.defaultTokenType === "custom" && !options.generateToken) {
    throw new Error('invite(): defaultTokenType "custom" needs generateToken');
  }
  // A fixed limit that is no limit fails here, when the plugin is made, not at the first invitation.
  if (typeof options.invitationLimit === "number") checkedLimit(options.invitationLimit);
  if (options.restoreWindow !== undefined && !(Number.isFinite(options.restoreWindow) && options.restoreWindow >= 0)) {
    throw new Error("invite(): restoreWindow is a number of seconds, 0 or more");
  }
  return {
    ...options,
    defaultTokenType: options.defaultTokenType ?? "token",
    invitationTokenExpiresIn: options.invitationTokenExpiresIn ?? 7 * DAY,
    defaultMaxUses: options.defaultMaxUses === undefined ? 1 : options.defaultMaxUses,
    defaultRedirectAfterUpgrade: options.defaultRedirectAfterUpgrade ?? "/",
    acceptPageURL: options.acceptPageURL ?? "/invite/{token}",
    inviteOnly: options.inviteOnly ?? false,
    guessBudget: options.guessBudget ?? { window: 60, max: 600 },
    remindAfter: options.remindAfter ?? 3 * DAY,
    restoreWindow: options.restoreWindow ?? 120,
    sendRateLimit: options.sendRateLimit ?? { window: options.rateLimit?.window ?? 60, max: options.rateLimit?.max ?? 20 },
    lookupRateLimit: { window: options.rateLimit?.window ?? 60, max: options.rateLimit?.max ?? 10 },
  };
}

export const MAX_EXPIRES_IN = 365 * DAY;
