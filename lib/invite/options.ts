import type { InviteOptions } from "./types";

const DAY = 24 * 60 * 60;

/** The options with every default filled in, resolved once when the plugin is created. */
export type ResolvedInviteOptions = InviteOptions &
  Required<
    Pick<
      InviteOptions,
      "defaultTokenType" | "invitationTokenExpiresIn" | "defaultMaxUses" | "defaultRedirectAfterUpgrade" | "acceptPageURL" | "inviteOnly"
    >
  >;

export function resolveOptions(options: InviteOptions): ResolvedInviteOptions {
  if (options.defaultTokenType === "custom" && !options.generateToken) {
    throw new Error('invite(): defaultTokenType "custom" needs generateToken');
  }
  return {
    ...options,
    defaultTokenType: options.defaultTokenType ?? "token",
    invitationTokenExpiresIn: options.invitationTokenExpiresIn ?? 7 * DAY,
    defaultMaxUses: options.defaultMaxUses === undefined ? 1 : options.defaultMaxUses,
    defaultRedirectAfterUpgrade: options.defaultRedirectAfterUpgrade ?? "/",
    acceptPageURL: options.acceptPageURL ?? "/invite/{token}",
    inviteOnly: options.inviteOnly ?? false,
  };
}

export const MAX_EXPIRES_IN = 365 * DAY;
