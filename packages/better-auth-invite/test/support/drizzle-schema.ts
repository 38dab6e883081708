// The Drizzle tables of Better Auth's core models, the admin plugin's fields, the twoFactor plugin's table and field
// (sign-in-methods.test.ts signs in with a second factor) and the invite plugin's models, for the targets that run
// Better Auth's Drizzle adapter on PostgreSQL (PGlite and postgres-js).
//
// Generated once by better-auth 1.7.25's own Drizzle generator (the one its CLI calls) from
// `{ emailAndPassword, plugins: [admin(), invite()] }`, then three changes by hand: timestamps carry their time zone
// (as the app's migration does, so the database's `now()` and the adapter's dates agree whatever the server's zone),
// no relations, which only Better Auth's optional joins need, and the twoFactor plugin's schema, written after its
// field list. schema.test.ts holds it to the plugin's src/schema.ts and to the installed better-auth's fields, so a
// new field on either side fails there first. It looks like the app's lib/db/schema.ts and stays apart from it: the
// package's tests, like the package, never import the app.
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").default(false).notNull(),
  image: text("image"),
  createdAt: at("created_at").defaultNow().notNull(),
  updatedAt: at("updated_at")
    .defaultNow()
    .$onUpdate(() => new Date())
    .notNull(),
  role: text("role"),
  banned: boolean("banned").default(false),
  banReason: text("ban_reason"),
  banExpires: at("ban_expires"),
  twoFactorEnabled: boolean("two_factor_enabled").default(false),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: at("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: at("created_at").defaultNow().notNull(),
    updatedAt: at("updated_at")
      .$onUpdate(() => new Date())
      .notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    impersonatedBy: text("impersonated_by"),
  },
  (table) => [index("session_userId_idx").on(table.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: at("access_token_expires_at"),
    refreshTokenExpiresAt: at("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: at("created_at").defaultNow().notNull(),
    updatedAt: at("updated_at")
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [index("account_userId_idx").on(table.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: at("expires_at").notNull(),
    createdAt: at("created_at").defaultNow().notNull(),
    updatedAt: at("updated_at")
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [index("verification_identifier_idx").on(table.identifier)],
);

export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    verified: boolean("verified").default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: at("locked_until"),
  },
  (table) => [index("twoFactor_secret_idx").on(table.secret), index("twoFactor_userId_idx").on(table.userId)],
);

export const invite = pgTable(
  "invite",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    tokenType: text("token_type").notNull(),
    role: text("role").notNull(),
    email: text("email"),
    activeEmail: text("active_email").unique(),
    createdByUserId: text("created_by_user_id").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    maxUses: integer("max_uses"),
    useCount: integer("use_count").default(0).notNull(),
    usesLeft: integer("uses_left"),
    status: text("status").default("pending").notNull(),
    redirectToAfterUpgrade: text("redirect_to_after_upgrade"),
    newAccount: boolean("new_account").default(false).notNull(),
    metadata: jsonb("metadata"),
    message: text("message"),
    allowedDomains: jsonb("allowed_domains"),
    remindAt: at("remind_at"),
    sealedToken: text("sealed_token"),
    previousTokenHash: text("previous_token_hash"),
  },
  (table) => [
    index("invite_created_by_user_id_idx").on(table.createdByUserId),
    index("invite_status_idx").on(table.status),
    index("invite_role_idx").on(table.role),
    index("invite_email_idx").on(table.email),
    index("invite_createdAt_idx").on(table.createdAt),
    index("invite_expiresAt_idx").on(table.expiresAt),
    index("invite_remindAt_idx").on(table.remindAt),
    index("invite_previousTokenHash_idx").on(table.previousTokenHash),
  ],
);

export const inviteUse = pgTable(
  "invite_use",
  {
    id: text("id").primaryKey(),
    inviteId: text("invite_id")
      .notNull()
      .references(() => invite.id, { onDelete: "restrict" }),
    usedByUserId: text("used_by_user_id").notNull(),
    usedByName: text("used_by_name").notNull(),
    usedByEmail: text("used_by_email").notNull(),
    usedAt: at("used_at").notNull(),
    previousRole: text("previous_role"),
    newRole: text("new_role").notNull(),
    metadata: jsonb("metadata"),
  },
  (table) => [
    // One person spends at most one use of an invitation: what stops a double click (src/schema.ts).
    uniqueIndex("invite_use_invite_user_unique").on(table.inviteId, table.usedByUserId),
    index("inviteUse_inviteId_idx").on(table.inviteId),
    index("inviteUse_usedByUserId_idx").on(table.usedByUserId),
  ],
);

export const inviteEvent = pgTable(
  "invite_event",
  {
    id: text("id").primaryKey(),
    inviteId: text("invite_id")
      .notNull()
      .references(() => invite.id, { onDelete: "restrict" }),
    type: text("type").notNull(),
    actorUserId: text("actor_user_id"),
    actorName: text("actor_name"),
    actorEmail: text("actor_email"),
    at: at("at").notNull(),
    details: jsonb("details"),
  },
  (table) => [
    index("invite_event_type_idx").on(table.type),
    index("inviteEvent_inviteId_idx").on(table.inviteId),
    index("inviteEvent_actorUserId_idx").on(table.actorUserId),
  ],
);

/** Every table, under the model name the adapter looks it up by. */
export const drizzleSchema = { user, session, account, verification, twoFactor, invite, inviteUse, inviteEvent };
