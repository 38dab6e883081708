"use client";

import { adminClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { inviteClient } from "@invite-kit/better-auth/client";
import { ac, roles } from "@/lib/auth/permissions";

/** The browser's Better Auth client, with typed `authClient.admin.*` and `authClient.invite.*` calls. */
export const authClient = createAuthClient({
  plugins: [adminClient({ ac, roles }), inviteClient()],
});
