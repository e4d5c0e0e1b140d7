CREATE TABLE "feed_alert_counts" (
	"feed_id" integer NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"hour" text NOT NULL,
	"alerts" integer NOT NULL,
	"folded" integer NOT NULL,
	"entities" text NOT NULL,
	CONSTRAINT "feed_alert_counts_feed_id_platform_channel_id_hour_pk" PRIMARY KEY("feed_id","platform","channel_id","hour")
);
--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "flooded_at" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "flood_note" text;