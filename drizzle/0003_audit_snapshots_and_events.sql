-- The audit outlives the people it names: ids that reference no user (so deleting one cascades into nothing),
-- snapshots of who acted, and an append-only event log. Existing rows get their snapshots and their history
-- (created, accepted) here.
CREATE TABLE "invite_event" (
	"id" text PRIMARY KEY NOT NULL,
	"invite_id" text NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" text,
	"actor_name" text,
	"actor_email" text,
	"at" timestamp with time zone NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
ALTER TABLE "invite" DROP CONSTRAINT "invite_created_by_user_id_user_id_fk";
--> statement-breakpoint
ALTER TABLE "invite_use" DROP CONSTRAINT "invite_use_used_by_user_id_user_id_fk";
--> statement-breakpoint
ALTER TABLE "invite_use" DROP CONSTRAINT "invite_use_invite_id_invite_id_fk";
--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "active_email" text;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "created_by_name" text;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "created_by_email" text;--> statement-breakpoint
ALTER TABLE "invite_use" ADD COLUMN "used_by_name" text;--> statement-breakpoint
ALTER TABLE "invite_use" ADD COLUMN "used_by_email" text;--> statement-breakpoint
UPDATE "invite" SET "created_by_name" = u."name", "created_by_email" = u."email" FROM "user" u WHERE u."id" = "invite"."created_by_user_id";--> statement-breakpoint
UPDATE "invite_use" SET "used_by_name" = u."name", "used_by_email" = u."email" FROM "user" u WHERE u."id" = "invite_use"."used_by_user_id";--> statement-breakpoint
ALTER TABLE "invite" ALTER COLUMN "created_by_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invite" ALTER COLUMN "created_by_email" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invite_use" ALTER COLUMN "used_by_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invite_use" ALTER COLUMN "used_by_email" SET NOT NULL;--> statement-breakpoint
-- One live invitation per address from now on: the newest live one of each address holds it. Older live duplicates,
-- made before this rule, keep working until they expire or are used; new ones for that address are refused meanwhile.
UPDATE "invite" SET "active_email" = "email" WHERE "id" IN (
	SELECT DISTINCT ON ("email") "id" FROM "invite"
	WHERE "email" IS NOT NULL AND "status" = 'pending' AND "expires_at" > now() AND ("uses_left" > 0 OR "max_uses" IS NULL)
	ORDER BY "email", "id" DESC
);--> statement-breakpoint
-- Event ids sort by time like invitation ids: 10 base-36 digits of epoch milliseconds, then 16 random characters.
CREATE FUNCTION pg_temp.invite_kit_event_id(at timestamp with time zone, seed text) RETURNS text LANGUAGE sql AS $$
	WITH RECURSIVE digits(rest, out) AS (
		SELECT (extract(epoch FROM at) * 1000)::bigint, ''::text
		UNION ALL
		SELECT rest / 36, substr('0123456789abcdefghijklmnopqrstuvwxyz', (rest % 36)::int + 1, 1) || out FROM digits WHERE rest > 0
	)
	SELECT lpad(out, 10, '0') || substr(md5(seed), 1, 16) FROM digits WHERE rest = 0
$$;--> statement-breakpoint
INSERT INTO "invite_event" ("id", "invite_id", "type", "actor_user_id", "actor_name", "actor_email", "at", "details")
SELECT pg_temp.invite_kit_event_id("created_at", 'created' || "id"), "id", 'created', "created_by_user_id", "created_by_name", "created_by_email", "created_at",
	jsonb_build_object('role', "role", 'email', "email", 'tokenType', "token_type", 'maxUses', "max_uses", 'expiresAt', "expires_at")
FROM "invite";--> statement-breakpoint
INSERT INTO "invite_event" ("id", "invite_id", "type", "actor_user_id", "actor_name", "actor_email", "at", "details")
SELECT pg_temp.invite_kit_event_id("used_at", 'accepted' || "id"), "invite_id", 'accepted', "used_by_user_id", "used_by_name", "used_by_email", "used_at",
	jsonb_build_object('previousRole', "previous_role", 'newRole', "new_role")
FROM "invite_use";--> statement-breakpoint
ALTER TABLE "invite_event" ADD CONSTRAINT "invite_event_invite_id_invite_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."invite"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invite_event_invite_id_idx" ON "invite_event" USING btree ("invite_id","id");--> statement-breakpoint
CREATE INDEX "invite_event_actor_user_id_idx" ON "invite_event" USING btree ("actor_user_id","id");--> statement-breakpoint
CREATE INDEX "invite_event_type_idx" ON "invite_event" USING btree ("type","id");--> statement-breakpoint
ALTER TABLE "invite_use" ADD CONSTRAINT "invite_use_invite_id_invite_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."invite"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite" ADD CONSTRAINT "invite_active_email_unique" UNIQUE("active_email");
