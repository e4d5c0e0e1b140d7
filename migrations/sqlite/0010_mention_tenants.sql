CREATE TABLE `__new_alert_mentions` (
	`token` text NOT NULL,
	`tenant` text,
	`feed_id` integer,
	`entity_id` text NOT NULL,
	`matched` text NOT NULL,
	`article_link` text,
	`article_title` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_alert_mentions` (`token`, `entity_id`, `matched`, `article_link`, `article_title`, `created_at`)
  SELECT `token`, `entity_id`, `matched`, `article_link`, `article_title`, `created_at` FROM `alert_mentions`;--> statement-breakpoint
DROP TABLE `alert_mentions`;--> statement-breakpoint
ALTER TABLE `__new_alert_mentions` RENAME TO `alert_mentions`;--> statement-breakpoint
CREATE UNIQUE INDEX `alert_mentions_token_tenant_idx` ON `alert_mentions` (`token`,`tenant`);--> statement-breakpoint
CREATE INDEX `alert_mentions_tenant_created_at_idx` ON `alert_mentions` (`tenant`,`created_at`);--> statement-breakpoint
CREATE INDEX `alert_mentions_created_at_idx` ON `alert_mentions` (`created_at`);
