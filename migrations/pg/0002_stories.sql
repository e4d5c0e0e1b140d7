CREATE TABLE "stories" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"link" text,
	"title_key" text NOT NULL,
	"published_at" text NOT NULL,
	"alert_key" text NOT NULL,
	"sources" jsonb NOT NULL,
	"first_seen_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stories_first_seen_at_idx" ON "stories" USING btree ("first_seen_at");