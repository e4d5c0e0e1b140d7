CREATE TABLE `digest_schedules` (
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`time` text NOT NULL,
	`time_zone` text NOT NULL,
	`last_period` text NOT NULL,
	PRIMARY KEY(`platform`, `channel_id`)
);
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `delivery` text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `list_delivery` text DEFAULT 'immediate' NOT NULL;