DROP INDEX "invite_created_by_user_id_idx";--> statement-breakpoint
DROP INDEX "invite_status_idx";--> statement-breakpoint
CREATE INDEX "invite_role_idx" ON "invite" USING btree ("role","id");--> statement-breakpoint
CREATE INDEX "invite_email_idx" ON "invite" USING btree ("email");--> statement-breakpoint
CREATE INDEX "invite_created_by_user_id_idx" ON "invite" USING btree ("created_by_user_id","id");--> statement-breakpoint
CREATE INDEX "invite_status_idx" ON "invite" USING btree ("status","id");