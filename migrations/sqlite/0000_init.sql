CREATE TABLE `aliases` (
	`entity_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`strength` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `aliases_entity_id_idx` ON `aliases` (`entity_id`);--> statement-breakpoint
CREATE TABLE `designation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` text NOT NULL,
	`list_id` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`changes` text NOT NULL,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `designation_events_entity_id_idx` ON `designation_events` (`entity_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`hash` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entities_list_id_idx` ON `entities` (`list_id`);--> statement-breakpoint
CREATE TABLE `entity_countries` (
	`entity_id` text NOT NULL,
	`country` text NOT NULL,
	PRIMARY KEY(`entity_id`, `country`)
);
--> statement-breakpoint
CREATE INDEX `entity_countries_country_idx` ON `entity_countries` (`country`);--> statement-breakpoint
CREATE TABLE `entity_programs` (
	`entity_id` text NOT NULL,
	`program` text NOT NULL,
	PRIMARY KEY(`entity_id`, `program`)
);
--> statement-breakpoint
CREATE INDEX `entity_programs_program_idx` ON `entity_programs` (`program`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`added_by` text NOT NULL,
	`added_in_channel` text NOT NULL,
	`etag` text,
	`last_modified` text,
	`status` text DEFAULT 'active' NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_success_at` text,
	`last_error` text,
	`next_poll_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_unique` ON `feeds` (`url`);--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`version_date` text NOT NULL,
	`imported_at` text NOT NULL,
	`entity_count` integer NOT NULL,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claimed_by` text,
	`claimed_at` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_next_attempt_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `seen_items` (
	`feed_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`seen_at` text NOT NULL,
	PRIMARY KEY(`feed_id`, `item_key`)
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`paused_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_channel_kind_value_idx` ON `subscriptions` (`platform`,`channel_id`,`kind`,`value`);