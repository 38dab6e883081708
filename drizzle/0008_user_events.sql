CREATE TABLE "user_event" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_user_id" text NOT NULL,
	"subject_email" text NOT NULL,
	"subject_name" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"actor_email" text NOT NULL,
	"actor_name" text NOT NULL,
	"from_role" text,
	"to_role" text,
	"ban_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_event_kind_check" CHECK ("user_event"."kind" in ('role-changed', 'banned', 'unbanned', 'removed'))
);
--> statement-breakpoint
CREATE INDEX "user_event_subject_user_id_idx" ON "user_event" USING btree ("subject_user_id","id");--> statement-breakpoint
CREATE INDEX "user_event_kind_idx" ON "user_event" USING btree ("kind","id");--> statement-breakpoint
-- Append-only, whoever connects: an event rewritten or deleted would be an audit trail that lies. The database refuses
-- it, so neither a bug in the app nor a query typed by hand can change one (short of dropping the trigger, which is
-- itself a migration on record). Written by hand: drizzle-kit does not model triggers.
CREATE FUNCTION "user_event_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'user_event is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "user_event_append_only" BEFORE UPDATE OR DELETE ON "user_event" FOR EACH ROW EXECUTE FUNCTION "user_event_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "user_event_no_truncate" BEFORE TRUNCATE ON "user_event" FOR EACH STATEMENT EXECUTE FUNCTION "user_event_refuse_change"();
