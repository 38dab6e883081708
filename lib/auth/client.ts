"use client";

import { adminClient, magicLinkClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { inviteClient } from "@invite-kit/better-auth/client";
import { ac, roles } from "@/lib/auth/permissions";

/**
 * The browser's Better Auth client, with typed `authClient.admin.*`, `authClient.invite.*`, `authClient.twoFactor.*`
 * and `authClient.signIn.magicLink` calls. The app's own forms post to server actions; this is for client code.
 */
export const authClient = createAuthClient({
  plugins: [adminClient({ ac, roles }), twoFactorClient(), magicLinkClient(), inviteClient()],
});
