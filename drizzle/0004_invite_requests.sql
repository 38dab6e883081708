ALTER TABLE "invite" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "allowed_domains" jsonb;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invite" ADD COLUMN "sealed_token" text;--> statement-breakpoint
ALTER TABLE "invite_use" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
CREATE INDEX "invite_remind_at_idx" ON "invite" USING btree ("remind_at");