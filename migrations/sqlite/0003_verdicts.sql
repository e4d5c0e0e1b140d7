CREATE TABLE `alert_mentions` (
	`token` text PRIMARY KEY NOT NULL,
	`entity_id` text NOT NULL,
	`matched` text NOT NULL,
	`article_link` text,
	`article_title` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`entity_name` text NOT NULL,
	`matched` text NOT NULL,
	`normalized` text NOT NULL,
	`article_link` text,
	`article_title` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verdicts_channel_entity_text_idx` ON `verdicts` (`platform`,`channel_id`,`entity_id`,`normalized`);