import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { authSchema, sessionColumns, user } from "@/lib/db/schema";

/**
 * Better Auth's organization plugin tables, for the benchmark only: the app
 * does not use the plugin, so they live here rather than in lib/db/schema.ts
 * and drizzle/. Fields and indexes follow the plugin's own schema
 * (better-auth/dist/plugins/organization, teams off), as its CLI would write them.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// The app's session table plus the one column the organization plugin adds to it.
export const session = pgTable("session", { ...sessionColumns(), activeOrganizationId: text("active_organization_id") }, (table) => [
  index("session_user_id_idx").on(table.userId),
]);

export const organization = pgTable(
  "organization",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    logo: text("logo"),
    createdAt: createdAt(),
    metadata: text("metadata"),
  },
  (table) => [uniqueIndex("organization_slug_uidx").on(table.slug)],
);

export const member = pgTable(
  "member",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (table) => [index("member_organization_id_idx").on(table.organizationId), index("member_user_id_idx").on(table.userId)],
);

export const invitation = pgTable(
  "invitation",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role"),
    status: text("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (table) => [index("invitation_organization_id_idx").on(table.organizationId), index("invitation_email_idx").on(table.email)],
);

/** What the benchmark server's drizzle adapter reads: the app's models, the organization session, the plugin's three tables. */
export const orgAuthSchema = { ...authSchema, session, organization, member, invitation };

/** The same tables as SQL, applied to the benchmark database after the app's own migrations. */
export const ORG_TABLES_SQL = `
alter table "session" add column if not exists "active_organization_id" text;
create table "organization" (
  "id" text primary key,
  "name" text not null,
  "slug" text not null unique,
  "logo" text,
  "created_at" timestamp with time zone not null default now(),
  "metadata" text
);
create unique index "organization_slug_uidx" on "organization" ("slug");
create table "member" (
  "id" text primary key,
  "organization_id" text not null references "organization" ("id") on delete cascade,
  "user_id" text not null references "user" ("id") on delete cascade,
  "role" text not null default 'member',
  "created_at" timestamp with time zone not null default now()
);
create index "member_organization_id_idx" on "member" ("organization_id");
create index "member_user_id_idx" on "member" ("user_id");
create table "invitation" (
  "id" text primary key,
  "organization_id" text not null references "organization" ("id") on delete cascade,
  "email" text not null,
  "role" text,
  "status" text not null default 'pending',
  "expires_at" timestamp with time zone not null,
  "created_at" timestamp with time zone not null default now(),
  "inviter_id" text not null references "user" ("id") on delete cascade
);
create index "invitation_organization_id_idx" on "invitation" ("organization_id");
create index "invitation_email_idx" on "invitation" ("email");
`;
