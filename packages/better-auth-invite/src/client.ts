import type { BetterAuthClientPlugin } from "better-auth/client";
import { INVITE_ERROR_CODES } from "./error-codes";
import type { invite } from "./index";

/** Typed `authClient.invite.*` calls, inferred from the server plugin. */
export const inviteClient = () =>
  ({
    id: "invite",
    $InferServerPlugin: {} as ReturnType<typeof invite>,
    pathMethods: {
      "/invite/get": "GET",
      "/invite/list": "GET",
      "/invite/events": "GET",
      "/invite/quota": "GET",
      "/invite/funnel": "GET",
    },
    $ERROR_CODES: INVITE_ERROR_CODES,
  }) satisfies BetterAuthClientPlugin;
