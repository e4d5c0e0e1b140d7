ALTER TABLE "alert_mentions" DROP CONSTRAINT "alert_mentions_pkey";--> statement-breakpoint
ALTER TABLE "alert_mentions" ALTER COLUMN "token" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_mentions" ADD COLUMN "tenant" text;--> statement-breakpoint
ALTER TABLE "alert_mentions" ADD COLUMN "feed_id" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_mentions_token_tenant_idx" ON "alert_mentions" USING btree ("token","tenant");--> statement-breakpoint
CREATE INDEX "alert_mentions_tenant_created_at_idx" ON "alert_mentions" USING btree ("tenant","created_at");--> statement-breakpoint
CREATE INDEX "alert_mentions_created_at_idx" ON "alert_mentions" USING btree ("created_at");
