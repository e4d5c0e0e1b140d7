ALTER TABLE "feeds" DROP CONSTRAINT "feeds_url_unique";--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "tenant" text DEFAULT 'global' NOT NULL;--> statement-breakpoint
UPDATE "feeds" SET "tenant" = 'channel:' || "added_in_channel" WHERE "added_by" NOT IN ('config', 'demo');--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_tenant_url_idx" ON "feeds" USING btree ("tenant","url");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "tenant" text;--> statement-breakpoint
UPDATE "subscriptions" SET "tenant" = 'channel:' || "platform" || ':' || "channel_id";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "tenant" SET NOT NULL;--> statement-breakpoint
CREATE TABLE "replays" (
	"key" text PRIMARY KEY NOT NULL,
	"seen_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "replays_seen_at_idx" ON "replays" USING btree ("seen_at");
