// SQLite tables (drizzle); schema-pg.ts declares the same tables and columns for PostgreSQL.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Alias, DesignationEventKind, EntityType } from '../designations/model.ts';

// Timestamps are ISO-8601 UTC strings and dates YYYY-MM-DD, in both dialects, so that both
// return the same JS values and compare correctly as text.

export const lists = sqliteTable('lists', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  versionDate: text('version_date').notNull(),
  importedAt: text('imported_at').notNull(),
  entityCount: integer('entity_count').notNull(),
  contentHash: text('content_hash').notNull(),
});

export const entities = sqliteTable(
  'entities',
  {
    id: text('id').primaryKey(),
    listId: text('list_id').notNull(),
    type: text('type').$type<EntityType>().notNull(),
    name: text('name').notNull(),
    /** The whole Entity as JSON: the truth; the columns and tables below are derived from it. */
    data: text('data').notNull(),
    /** Hash of `data`: an import rewrites only the entities whose hash changed. */
    hash: text('hash').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('entities_list_id_idx').on(t.listId)],
);

export const aliases = sqliteTable(
  'aliases',
  {
    entityId: text('entity_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<Alias['kind']>().notNull(),
    strength: text('strength').$type<Alias['strength']>().notNull(),
  },
  (t) => [index('aliases_entity_id_idx').on(t.entityId)],
);

export const entityPrograms = sqliteTable(
  'entity_programs',
  {
    entityId: text('entity_id').notNull(),
    program: text('program').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.program] }), index('entity_programs_program_idx').on(t.program)],
);

export const entityCountries = sqliteTable(
  'entity_countries',
  {
    entityId: text('entity_id').notNull(),
    country: text('country').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.country] }), index('entity_countries_country_idx').on(t.country)],
);

export const designationEvents = sqliteTable(
  'designation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entityId: text('entity_id').notNull(),
    listId: text('list_id').notNull(),
    kind: text('kind').$type<DesignationEventKind>().notNull(),
    date: text('date').notNull(),
    name: text('name').notNull(),
    /** FieldChange[] as JSON. */
    changes: text('changes').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('designation_events_entity_id_idx').on(t.entityId)],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The workspace or server the channel is in (tenant.ts): only its own feeds alert it, besides the global ones. */
    tenant: text('tenant').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    kind: text('kind').$type<'country' | 'program' | 'list' | 'entity'>().notNull(),
    value: text('value').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    pausedAt: text('paused_at'),
    /** `immediate`, or `digest`: its alerts wait for the channel's daily digest (alerts/digest.ts). */
    delivery: text('delivery').$type<'immediate' | 'digest'>().notNull().default('immediate'),
    /** How a digest subscription's list-change alerts arrive: `immediate` (bypassing the digest) or `digest`. */
    listDelivery: text('list_delivery').$type<'immediate' | 'digest'>().notNull().default('immediate'),
  },
  (t) => [uniqueIndex('subscriptions_channel_kind_value_idx').on(t.platform, t.channelId, t.kind, t.value)],
);

export const feeds = sqliteTable(
  'feeds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Who owns it (tenant.ts): `global` for the operator's feeds, else the workspace or server that added it. */
    tenant: text('tenant').notNull().default('global'),
    url: text('url').notNull(),
    title: text('title'),
    addedBy: text('added_by').notNull(),
    addedInChannel: text('added_in_channel').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    status: text('status').notNull().default('active'),
    failures: integer('failures').notNull().default(0),
    lastSuccessAt: text('last_success_at'),
    lastError: text('last_error'),
    /** Null: poll at the next tick. */
    nextPollAt: text('next_poll_at'),
    createdAt: text('created_at').notNull(),
    /** The last poll that went past a limit (feeds/limits.ts), and how: `/sanctions status` flags the feed. */
    floodedAt: text('flooded_at'),
    floodNote: text('flood_note'),
    pagesRead: integer('pages_read').notNull().default(0),
    pagesFailed: integer('pages_failed').notNull().default(0),
    lastPageError: text('last_page_error'),
  },
  // One feed per tenant and URL: two tenants adding one URL each have their own, polled and removed apart.
  (t) => [uniqueIndex('feeds_tenant_url_idx').on(t.tenant, t.url)],
);

/** Alerts one feed caused in one channel in one clock hour, sent and folded (alerts/feed-flood.ts); older hours are dropped. */
export const feedAlertCounts = sqliteTable(
  'feed_alert_counts',
  {
    feedId: integer('feed_id').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** ISO time of the hour's start. */
    hour: text('hour').notNull(),
    alerts: integer('alerts').notNull(),
    folded: integer('folded').notNull(),
    /** The names the folded alerts mention (string[] as JSON), for their summary. */
    entities: text('entities').notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.platform, t.channelId, t.hour] })],
);

export const seenItems = sqliteTable(
  'seen_items',
  {
    feedId: integer('feed_id').notNull(),
    itemKey: text('item_key').notNull(),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.itemKey] })],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** One alert per (channel, article or list change): a second insert with the same key is ignored. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** The alert as JSON. */
    payload: text('payload').notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'dead' | 'digest' | 'digested'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    lastError: text('last_error'),
  },
  // The claim looks for an older unfinished alert of the same channel: without this index that look is a scan per row.
  (t) => [index('outbox_status_next_attempt_idx').on(t.status, t.nextAttemptAt), index('outbox_channel_idx').on(t.platform, t.channelId, t.id)],
);

/** The news stories each channel was alerted to, kept a few days: a story from another feed joins its alert (alerts/story.ts). */
export const stories = sqliteTable(
  'stories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** Its first item's canonical link, or null. */
    link: text('link'),
    /** Its first item's title as compared. */
    titleKey: text('title_key').notNull(),
    publishedAt: text('published_at').notNull(),
    /** The outbox dedupe key of the channel's one alert about it. */
    alertKey: text('alert_key').notNull(),
    /** The feeds that carried it (string[] as JSON). */
    sources: text('sources').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
  },
  (t) => [index('stories_first_seen_at_idx').on(t.firstSeenAt)],
);

/** When each channel's daily digest is due, and the last one taken (alerts/digest.ts). */
export const digestSchedules = sqliteTable(
  'digest_schedules',
  {
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** HH:MM, local time in `timeZone`. */
    time: text('time').notNull(),
    /** An IANA time zone. */
    timeZone: text('time_zone').notNull(),
    /** The local date (YYYY-MM-DD) of the last digest taken: each period's digest is taken once. */
    lastPeriod: text('last_period').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.channelId] })],
);

/** Leadership among bot processes: who holds each named lease, and until when by the database's clock. */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/**
 * Each entity an article named, by the token its "Not this entity" action carries (alerts/verdicts.ts): what a click
 * records, and what a channel subscribing later is shown (commands/recent.ts). One row per token and tenant whose feed
 * read the article, so that a tenant is shown only what its own feeds and the operator's read.
 */
export const alertMentions = sqliteTable(
  'alert_mentions',
  {
    token: text('token').notNull(),
    /** The tenant of the feed that read the article (GLOBAL_TENANT: the operator's); null: stored before it was recorded, shown to none. */
    tenant: text('tenant'),
    /** The feed that read it first for that tenant (it may have been removed since); null as for `tenant`. */
    feedId: integer('feed_id'),
    entityId: text('entity_id').notNull(),
    /** The article's text that matched, as written. */
    matched: text('matched').notNull(),
    articleLink: text('article_link'),
    articleTitle: text('article_title').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('alert_mentions_token_tenant_idx').on(t.token, t.tenant),
    index('alert_mentions_tenant_created_at_idx').on(t.tenant, t.createdAt),
    index('alert_mentions_created_at_idx').on(t.createdAt),
  ],
);

/** "Not this entity": a channel's verdict that one entity matched by one normalized text is a false match, never alerted there again. */
export const verdicts = sqliteTable(
  'verdicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    entityId: text('entity_id').notNull(),
    entityName: text('entity_name').notNull(),
    matched: text('matched').notNull(),
    /** `matched` as the verdict compares it (normalizeName). */
    normalized: text('normalized').notNull(),
    articleLink: text('article_link'),
    articleTitle: text('article_title').notNull(),
    userId: text('user_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('verdicts_channel_entity_text_idx').on(t.platform, t.channelId, t.entityId, t.normalized)],
);

/** Signed requests and interactions already handled, kept a few minutes (store.firstRequest): a replay of one is refused. */
export const replays = sqliteTable(
  'replays',
  {
    key: text('key').primaryKey(),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [index('replays_seen_at_idx').on(t.seenAt)],
);
