DROP INDEX "invite_created_by_user_id_idx";--> statement-breakpoint
DROP INDEX "invite_status_idx";--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "uses_left" integer;--> statement-breakpoint
CREATE INDEX "invite_role_idx" ON "invite" USING btree ("role","id");--> statement-breakpoint
CREATE INDEX "invite_email_idx" ON "invite" USING btree ("email");--> statement-breakpoint
CREATE INDEX "invite_created_by_user_id_idx" ON "invite" USING btree ("created_by_user_id","id");--> statement-breakpoint
CREATE INDEX "invite_status_idx" ON "invite" USING btree ("status","id","expires_at","uses_left","max_uses");--> statement-breakpoint
-- Existing invitations: uses left from their counts, and "used" is now derived from it (as "expired" is from expires_at).
UPDATE "invite" SET "uses_left" = greatest("max_uses" - "use_count", 0) WHERE "max_uses" IS NOT NULL;--> statement-breakpoint
UPDATE "invite" SET "status" = 'pending' WHERE "status" = 'used';
