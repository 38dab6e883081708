// The seed example as a Better Auth user writes it, importing the plugin from its published package.
import { betterAuth } from "better-auth";
import { admin as adminPlugin } from "better-auth/plugins";
import { invite } from "@invite-kit/better-auth";
import { ac, admin, moderator, user } from "./permissions.mjs";

/** What this app "sent": a real app mails these; the flows read the links from here, as an invitee reads their inbox. */
export const outbox = [];
/** Every afterAcceptInvite call, as the app's own bookkeeping would see it. */
export const acceptedLog = [];
/** Every call of the function form of canCreateInvite, with the arguments it was given. */
export const canCreateCalls = [];

/** The seed's rule: admins invite to any role, moderators only plain users. */
export function seedCanCreateInvite({ invitedUser, inviterUser, ctx }) {
  canCreateCalls.push({ invitedUser, inviterUser, ctx });
  return inviterUser.role === "admin" || (inviterUser.role === "moderator" && invitedUser.role === "user");
}

/** The seed's hooks. */
export const seedInviteHooks = {
  // Dynamic role assignment: staff who take a plain invitation become moderators.
  beforeAcceptInvite({ invitedUser }) {
    if (invitedUser.email.endsWith("@staff.example.com")) {
      return { user: { ...invitedUser, role: "moderator" } };
    }
  },
  afterAcceptInvite({ invitation, invitedUser, ctx }) {
    acceptedLog.push({ invitation, invitedUser, ctx });
  },
};

/**
 * One Better Auth instance. The app runs the seed's (the function form of canCreateInvite, and hooks) and, on
 * other base paths of the same server and database, the other forms of canCreateInvite without hooks: with no
 * function and no hook to run first, the statement form's accept is the plugin's shortest path, one guarded UPDATE.
 */
export function createAuth({ database, baseURL, basePath, canCreateInvite = seedCanCreateInvite, hooks = true }) {
  return betterAuth({
    database,
    baseURL,
    basePath,
    emailAndPassword: { enabled: true },
    plugins: [
      adminPlugin({ ac, roles: { user, moderator, admin }, defaultRole: "user", adminRoles: ["admin"] }),
      invite({
        canCreateInvite,
        defaultRedirectAfterUpgrade: "/dashboard/role-upgraded",
        async sendUserInvitation({ email, name, role, url, newAccount }) {
          outbox.push({ email, name, role, url, newAccount });
        },
        inviteHooks: hooks ? seedInviteHooks : undefined,
      }),
    ],
  });
}
