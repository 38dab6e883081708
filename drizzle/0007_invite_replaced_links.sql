ALTER TABLE "invite" ADD COLUMN "previous_token_hash" text;--> statement-breakpoint
CREATE INDEX "invite_previous_token_hash_idx" ON "invite" USING btree ("previous_token_hash");