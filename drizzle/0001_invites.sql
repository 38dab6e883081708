CREATE TABLE "invite" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"token_type" text NOT NULL,
	"role" text NOT NULL,
	"email" text,
	"created_by_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"max_uses" integer,
	"use_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"redirect_to_after_upgrade" text,
	"new_account" boolean DEFAULT false NOT NULL,
	CONSTRAINT "invite_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "invite_use" (
	"id" text PRIMARY KEY NOT NULL,
	"invite_id" text NOT NULL,
	"used_by_user_id" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	"previous_role" text,
	"new_role" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invite" ADD CONSTRAINT "invite_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_use" ADD CONSTRAINT "invite_use_invite_id_invite_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."invite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_use" ADD CONSTRAINT "invite_use_used_by_user_id_user_id_fk" FOREIGN KEY ("used_by_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invite_created_by_user_id_idx" ON "invite" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "invite_status_idx" ON "invite" USING btree ("status");--> statement-breakpoint
CREATE INDEX "invite_created_at_idx" ON "invite" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invite_use_invite_user_unique" ON "invite_use" USING btree ("invite_id","used_by_user_id");--> statement-breakpoint
CREATE INDEX "invite_use_used_by_user_id_idx" ON "invite_use" USING btree ("used_by_user_id");