CREATE TABLE `feed_alert_counts` (
	`feed_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`hour` text NOT NULL,
	`alerts` integer NOT NULL,
	`folded` integer NOT NULL,
	`entities` text NOT NULL,
	PRIMARY KEY(`feed_id`, `platform`, `channel_id`, `hour`)
);
--> statement-breakpoint
ALTER TABLE `feeds` ADD `flooded_at` text;--> statement-breakpoint
ALTER TABLE `feeds` ADD `flood_note` text;