import { betterAuth, type BetterAuthOptions } from "better-auth";
import { admin } from "better-auth/plugins";
import { invite, type InviteOptions } from "../../src/index";

/*
 * The auth a Better Auth user writes to get the invite plugin's tables: the admin plugin (whose roles the plugin
 * grants) and this plugin, from its source. The CLI's config files import it (the CLI loads them with jiti), and
 * the tests build the same auth over the databases made from the CLI's output.
 */

export const cliBaseURL = "http://localhost:3000";

export type CliAuthOptions = {
  invite?: InviteOptions;
  logger?: BetterAuthOptions["logger"];
  advanced?: BetterAuthOptions["advanced"];
};

export function cliAuth(database: BetterAuthOptions["database"], options: CliAuthOptions = {}) {
  return betterAuth({
    baseURL: cliBaseURL,
    secret: "L9w2cQ7vXk4tZr1mB8nH3fJ6pS0dGy5aEuTiWoNqRbVx",
    database,
    emailAndPassword: { enabled: true },
    plugins: [admin(), invite(options.invite)],
    logger: options.logger,
    advanced: options.advanced,
  });
}

/** The plugin's `schema` option the renaming cases use: a table and a field of each kind the schema has. */
export const renamedSchema = {
  invite: { fields: { tokenHash: "tokenDigest" } },
  inviteUse: { modelName: "invitationUse", fields: { usedByUserId: "usedBy" } },
  inviteEvent: { modelName: "invitationEvent" },
} satisfies InviteOptions["schema"];
