CREATE TABLE "digest_schedules" (
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"time" text NOT NULL,
	"time_zone" text NOT NULL,
	"last_period" text NOT NULL,
	CONSTRAINT "digest_schedules_platform_channel_id_pk" PRIMARY KEY("platform","channel_id")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "delivery" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "list_delivery" text DEFAULT 'immediate' NOT NULL;