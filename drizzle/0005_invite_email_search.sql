-- The trigram operator class of the index below: an extension of PostgreSQL that ships with it (contrib), and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "invite_email_trgm_idx" ON "invite" USING gin ("email" gin_trgm_ops);