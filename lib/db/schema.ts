import { relations, sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The app's tables. All but the outbox are Better Auth's models (core, admin
 * plugin fields, the twoFactor plugin's, database rate-limit storage, the invite
 * plugin's models);
 * Better Auth checks them against its own field list at run time, and
 * tests/db/schema.test.ts fails if they drift.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  role: text("role"),
  banned: boolean("banned").default(false),
  banReason: text("ban_reason"),
  banExpires: timestamp("ban_expires", { withTimezone: true }),
  // The twoFactor plugin's: whether sign-in asks for a second factor.
  twoFactorEnabled: boolean("two_factor_enabled").default(false),
});

/** The session's columns, fresh builders on each call: the benchmark adds the organization plugin's column to them. */
export const sessionColumns = () => ({
  id: text("id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  token: text("token").notNull().unique(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  ipAddress: text("ip_address"),
  userAgent: text("user_agent"),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  impersonatedBy: text("impersonated_by"),
});

export const session = pgTable("session", sessionColumns(), (table) => [index("session_user_id_idx").on(table.userId)]);

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
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("account_user_id_idx").on(table.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("verification_identifier_idx").on(table.identifier)],
);

/** The twoFactor plugin's: a user's TOTP secret and backup codes, both encrypted with BETTER_AUTH_SECRET. */
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    // False until the first code proves the authenticator holds the secret.
    verified: boolean("verified").default(true),
    // Failed codes in a row, across challenges, and the lock they lead to.
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (table) => [index("two_factor_user_id_idx").on(table.userId)],
);

export const rateLimit = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  // Better Auth stores the last request as epoch milliseconds.
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/** The invite plugin's invitations. Only the token's SHA-256 hash is stored. */
export const invite = pgTable(
  "invite",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    tokenType: text("token_type").notNull(),
    role: text("role").notNull(),
    // Lower-cased; null for a shareable link or code.
    email: text("email"),
    // The email while the invitation can still be used, else null; unique: one live invitation per address.
    activeEmail: text("active_email").unique(),
    // No foreign key: the id outlives the account, with a snapshot of who it was (packages/better-auth-invite/src/schema.ts says why).
    createdByUserId: text("created_by_user_id").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // Null: unlimited.
    maxUses: integer("max_uses"),
    useCount: integer("use_count").notNull().default(0),
    // maxUses - useCount, the guard of the one UPDATE that claims a use; null when unlimited.
    usesLeft: integer("uses_left"),
    status: text("status").notNull().default("pending"),
    redirectToAfterUpgrade: text("redirect_to_after_upgrade"),
    newAccount: boolean("new_account").notNull().default(false),
    // The creator's data; never shown to a token holder.
    metadata: jsonb("metadata"),
    message: text("message"),
    // Shareable invitations only: lower-cased domains.
    allowedDomains: jsonb("allowed_domains"),
    // When a reminder is due; the token encrypted with BETTER_AUTH_SECRET until then (the plugin's schema.ts says why).
    remindAt: timestamp("remind_at", { withTimezone: true }),
    sealedToken: text("sealed_token"),
    // The hash of the link token the last resend replaced: the old link then says a newer email replaced it.
    previousTokenHash: text("previous_token_hash"),
  },
  // The list is newest first (ids are time-ordered) under one filter: each filter leads an index that ends in the id,
  // so a page is an index range read backwards, and its count an index-only scan.
  (table) => [
    index("invite_created_by_user_id_idx").on(table.createdByUserId, table.id),
    // The status filters also test the expiry and the uses left ("used" and "expired" are derived): carrying them
    // in the index lets a filtered count be an index-only scan.
    index("invite_status_idx").on(table.status, table.id, table.expiresAt, table.usesLeft, table.maxUses),
    index("invite_role_idx").on(table.role, table.id),
    index("invite_email_idx").on(table.email),
    // The list's q (email LIKE '%q%'): a pattern with a leading % can use only a trigram index (pg_trgm, which the
    // migration creates; PGlite loads it in lib/db/client.ts).
    index("invite_email_trgm_idx").using("gin", table.email.op("gin_trgm_ops")),
    index("invite_created_at_idx").on(table.createdAt),
    // The table sorted by expiry (?sort=expires): a page is read off the index instead of every row being sorted.
    index("invite_expires_at_idx").on(table.expiresAt, table.id),
    // The reminder run reads the due ones: few, whatever the table's size.
    index("invite_remind_at_idx").on(table.remindAt),
    // A token that found no invitation is looked for here once: each such look-up is an index probe.
    index("invite_previous_token_hash_idx").on(table.previousTokenHash),
  ],
);

/** Who used which invitation, when, and the role before and after: the audit trail. */
export const inviteUse = pgTable(
  "invite_use",
  {
    id: text("id").primaryKey(),
    // Restrict: a grant's record outlives anything that tries to delete its invitation.
    inviteId: text("invite_id")
      .notNull()
      .references(() => invite.id, { onDelete: "restrict" }),
    usedByUserId: text("used_by_user_id").notNull(),
    usedByName: text("used_by_name").notNull(),
    usedByEmail: text("used_by_email").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull(),
    previousRole: text("previous_role"),
    newRole: text("new_role").notNull(),
    // The invitation's metadata when the use was taken.
    metadata: jsonb("metadata"),
  },
  (table) => [
    // One person spends at most one use of an invitation, even when two of their clicks race.
    uniqueIndex("invite_use_invite_user_unique").on(table.inviteId, table.usedByUserId),
    index("invite_use_used_by_user_id_idx").on(table.usedByUserId),
  ],
);

/** Every event of every invitation, append-only, each with a snapshot of who acted. */
export const inviteEvent = pgTable(
  "invite_event",
  {
    // Time-ordered, like invitation ids: newest first is a read backwards along the primary key.
    id: text("id").primaryKey(),
    inviteId: text("invite_id")
      .notNull()
      .references(() => invite.id, { onDelete: "restrict" }),
    type: text("type").notNull(),
    actorUserId: text("actor_user_id"),
    actorName: text("actor_name"),
    actorEmail: text("actor_email"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    details: jsonb("details"),
  },
  (table) => [
    index("invite_event_invite_id_idx").on(table.inviteId, table.id),
    index("invite_event_actor_user_id_idx").on(table.actorUserId, table.id),
    index("invite_event_type_idx").on(table.type, table.id),
  ],
);

/**
 * What admins did to accounts from the Users page (role changed, banned, unbanned, removed), append-only: a trigger
 * (drizzle/0008_user_events.sql) refuses UPDATE and DELETE. No foreign key to the user: the row outlives the account
 * it is about, named by the snapshot of who the subject and the actor were at the time.
 */
export const userEvent = pgTable(
  "user_event",
  {
    // Time-ordered like invitation event ids (timeOrderedId): the Activity page merges both logs along their ids.
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["role-changed", "banned", "unbanned", "removed"] }).notNull(),
    subjectUserId: text("subject_user_id").notNull(),
    subjectEmail: text("subject_email").notNull(),
    subjectName: text("subject_name").notNull(),
    actorUserId: text("actor_user_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    actorName: text("actor_name").notNull(),
    fromRole: text("from_role"),
    toRole: text("to_role"),
    banReason: text("ban_reason"),
    createdAt: createdAt(),
  },
  (table) => [
    index("user_event_subject_user_id_idx").on(table.subjectUserId, table.id),
    index("user_event_kind_idx").on(table.kind, table.id),
    // The kinds the app writes; anything else is a bug, refused where it would be stored.
    check("user_event_kind_check", sql`${table.kind} in ('role-changed', 'banned', 'unbanned', 'removed')`),
  ],
);

/** Emails the outbox transport kept instead of sending (development and tests). */
export const outboxEmail = pgTable(
  "outbox_email",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("outbox_email_created_at_idx").on(table.createdAt.desc())],
);

/**
 * The joins Better Auth asks for (`advanced.database.joins` in lib/auth/server.ts): a session with its user, an invitation
 * with its creator and uses. Each becomes part of one statement instead of a query of its own. The relation names are
 * the ones Better Auth's Drizzle adapter looks up: the joined model's name, plural for a list.
 */
export const userRelations = relations(user, ({ many }) => ({ sessions: many(session), accounts: many(account) }));
export const sessionRelations = relations(session, ({ one }) => ({ user: one(user, { fields: [session.userId], references: [user.id] }) }));
export const accountRelations = relations(account, ({ one }) => ({ user: one(user, { fields: [account.userId], references: [user.id] }) }));
export const inviteRelations = relations(invite, ({ many }) => ({
  inviteUses: many(inviteUse),
  inviteEvents: many(inviteEvent),
}));
export const inviteUseRelations = relations(inviteUse, ({ one }) => ({
  invite: one(invite, { fields: [inviteUse.inviteId], references: [invite.id] }),
}));
export const inviteEventRelations = relations(inviteEvent, ({ one }) => ({
  invite: one(invite, { fields: [inviteEvent.inviteId], references: [invite.id] }),
}));

export const authSchema = { user, session, account, verification, twoFactor, rateLimit, invite, inviteUse, inviteEvent };
