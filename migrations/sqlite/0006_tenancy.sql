DROP INDEX `feeds_url_unique`;--> statement-breakpoint
ALTER TABLE `feeds` ADD `tenant` text DEFAULT 'global' NOT NULL;--> statement-breakpoint
UPDATE `feeds` SET `tenant` = 'channel:' || `added_in_channel` WHERE `added_by` NOT IN ('config', 'demo');--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_tenant_url_idx` ON `feeds` (`tenant`,`url`);--> statement-breakpoint
CREATE TABLE `__new_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`paused_at` text,
	`delivery` text DEFAULT 'immediate' NOT NULL,
	`list_delivery` text DEFAULT 'immediate' NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_subscriptions` (`id`, `tenant`, `platform`, `channel_id`, `kind`, `value`, `created_by`, `created_at`, `paused_at`, `delivery`, `list_delivery`)
  SELECT `id`, 'channel:' || `platform` || ':' || `channel_id`, `platform`, `channel_id`, `kind`, `value`, `created_by`, `created_at`, `paused_at`, `delivery`, `list_delivery` FROM `subscriptions`;--> statement-breakpoint
DROP TABLE `subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_subscriptions` RENAME TO `subscriptions`;--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_channel_kind_value_idx` ON `subscriptions` (`platform`,`channel_id`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `replays` (
	`key` text PRIMARY KEY NOT NULL,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `replays_seen_at_idx` ON `replays` (`seen_at`);
