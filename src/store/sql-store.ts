// The Store, written once over a dialect driver that runs dialect-neutral SQL (see sql.ts).
import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { NewOutboxAlert, OutboxAlert, OutboxStatus } from '../alerts/outbox.ts';
import type { DigestSchedule } from '../alerts/digest.ts';
import type { FeedAlertCount, LimitedAlerts } from '../alerts/feed-flood.ts';
import type { StoredStory, StoryWrites } from '../alerts/story.ts';
import type { Subscription } from '../alerts/subscription.ts';
import type { AlertMention, Verdict } from '../alerts/verdicts.ts';
import type { Feed } from '../feeds/feed.ts';
import { GLOBAL_TENANT, channelTenant } from '../tenant.ts';
import type { DesignationEvent, Entity } from '../designations/model.ts';
import { assertDistinctIds, listVersionWrites, selectStoredHashes, type StoredHash } from './list-version.ts';
import { parseJson } from './rows.ts';
import { chunks, columnName, insertRows, ofChannel, returningAll, selectAll, selectColumns, setColumns, type Tables, upsertRows, whereClause, type Write } from './sql.ts';
import { type ListVersion, type Store, UNSENT } from './store.ts';

export interface SqlDriver {
  readonly dialect: Store['dialect'];
  readonly tables: Tables;
  /** Rows come back as T unchecked: the query's column aliases must match T. */
  all<T>(query: SQL): Promise<T[]>;
  /** Runs one statement; returns how many rows it changed. */
  run(query: SQL): Promise<number>;
  /**
   * Runs `read`, then every statement `writes` yields for its rows, in one transaction: all or nothing. With `lock`,
   * one such transaction at a time writes that table, and `read` sees what the one before committed.
   */
  transaction<T>(read: SQL, writes: (rows: T[]) => Iterable<Write>, lock?: Table): Promise<void>;
  close(): Promise<void>;
}

type StoryRow = Omit<StoredStory, 'sources' | 'alert'> & { sources: unknown; alertStatus: OutboxStatus | null; alertPayload: unknown };

function storedStory({ sources, alertStatus, alertPayload, ...row }: StoryRow): StoredStory {
  const alert = alertStatus === null ? null : { status: alertStatus, payload: alertPayload === null ? null : parseJson(alertPayload) };
  return { ...row, sources: parseJson<string[]>(sources), alert };
}

/** The oldest story still kept at `now`. */
function storiesSince(now: string, days: number): string {
  return new Date(Date.parse(now) - days * 86_400_000).toISOString();
}

type EventRow = Omit<DesignationEvent, 'changes'> & { id: number; changes: unknown };

/** A statement that reads nothing, for transactions whose writes need no prior read. */
const NOTHING = sql`SELECT 1 AS one`;

export function createSqlStore(driver: SqlDriver): Store {
  const t = driver.tables;

  async function entities(where?: SQL): Promise<Entity[]> {
    const rows = await driver.all<{ data: unknown }>(
      sql`SELECT ${t.entities.data} AS data FROM ${t.entities}${whereClause(where)} ORDER BY ${t.entities.id}`,
    );
    return rows.map((row) => parseJson<Entity>(row.data));
  }

  async function events(where?: SQL): Promise<(DesignationEvent & { id: number })[]> {
    const e = t.designationEvents;
    const rows = await driver.all<EventRow>(sql`
      SELECT ${e.id} AS id, ${e.entityId} AS "entityId", ${e.listId} AS "listId", ${e.kind} AS kind,
             ${e.date} AS date, ${e.name} AS name, ${e.changes} AS changes
      FROM ${e}${whereClause(where)} ORDER BY ${desc(e.date)}, ${desc(e.id)}`);
    return rows.map((row) => ({ ...row, changes: parseJson<DesignationEvent['changes']>(row.changes) }));
  }

  return {
    dialect: driver.dialect,

    loadEntities: (listId) => entities(listId === undefined ? undefined : eq(t.entities.listId, listId)),

    async getEntity(id) {
      const [entity] = await entities(eq(t.entities.id, id));
      return entity ?? null;
    },

    async countEntities() {
      const [row] = await driver.all<{ n: number }>(sql`SELECT CAST(count(*) AS integer) AS n FROM ${t.entities}`);
      return row?.n ?? 0;
    },

    listVersions: () => driver.all<ListVersion>(sql`${selectAll(t.lists)} ORDER BY ${t.lists.id}`),

    async applyListVersion(version, list, events, alerts = []) {
      assertDistinctIds(version.id, list);
      const now = new Date().toISOString();
      await driver.transaction<StoredHash>(selectStoredHashes(t, version.id), function* (stored) {
        yield* listVersionWrites(t, version, list, events, stored, now);
        yield* outboxInserts(alerts, now);
      });
    },

    events: (entityId) => events(entityId === undefined ? undefined : eq(t.designationEvents.entityId, entityId)),

    removals: () => events(eq(t.designationEvents.kind, 'removed')),

    async addSubscription(subscription) {
      const row = { tenant: channelTenant(subscription.platform, subscription.channelId), ...subscription };
      return (await driver.run(sql`${insertRows(t.subscriptions, [row])} ON CONFLICT DO NOTHING`)) > 0;
    },

    async removeSubscription({ platform, channelId, kind, value }) {
      const s = t.subscriptions;
      const where = and(eq(s.platform, platform), eq(s.channelId, channelId), eq(s.kind, kind), eq(s.value, value));
      return (await driver.run(sql`DELETE FROM ${s} WHERE ${where}`)) > 0;
    },

    async setDelivery({ platform, channelId, kind, value }, { delivery, listDelivery }) {
      const s = t.subscriptions;
      const where = and(eq(s.platform, platform), eq(s.channelId, channelId), eq(s.kind, kind), eq(s.value, value));
      return (await driver.run(sql`${setColumns(s, { delivery, listDelivery })} WHERE ${where}`)) > 0;
    },

    async setDigestSchedule(schedule) {
      const d = t.digestSchedules;
      await driver.run(upsertRows(d, [d.platform, d.channelId], [schedule]));
    },

    digestSchedules(channel) {
      const d = t.digestSchedules;
      return driver.all<DigestSchedule>(sql`${selectAll(d)}${whereClause(ofChannel(d, channel))} ORDER BY ${asc(d.platform)}, ${asc(d.channelId)}`);
    },

    async takeDigest({ platform, channelId }, period, now, build) {
      const { outbox: o, digestSchedules: d } = t;
      const due = and(ofChannel(d, { platform, channelId }), lt(d.lastPeriod, period));
      // One digest transaction at a time: the second of two racing ticks reads the period as taken and holds nothing.
      const read = sql`${selectAll(o)} WHERE ${and(eq(o.platform, platform), eq(o.channelId, channelId), eq(o.status, 'digest'))}
        AND EXISTS (SELECT 1 FROM ${d} WHERE ${due}) ORDER BY ${asc(o.id)}`;
      let queued = 0;
      await driver.transaction<OutboxAlert>(read, function* (rows) {
        const messages = build(rows.map((row) => ({ ...row, payload: parseJson(row.payload) })));
        queued = messages.length;
        yield* outboxInserts(messages, now);
        for (const batch of chunks(rows.map((r) => r.id))) yield sql`${setColumns(o, { status: 'digested' })} WHERE ${inArray(o.id, batch)}`;
        yield sql`${setColumns(d, { lastPeriod: period })} WHERE ${due}`;
      }, d);
      return queued;
    },

    subscriptions(channel) {
      const s = t.subscriptions;
      return driver.all<Subscription>(sql`${selectAll(s)}${whereClause(ofChannel(s, channel))} ORDER BY ${asc(s.id)}`);
    },

    async addFeed(newFeed) {
      const feed = { tenant: GLOBAL_TENANT, ...newFeed };
      const created = (await driver.run(sql`${insertRows(t.feeds, [feed])} ON CONFLICT DO NOTHING`)) > 0;
      const [row] = await driver.all<Feed>(sql`${selectAll(t.feeds)} WHERE ${and(eq(t.feeds.tenant, feed.tenant), eq(t.feeds.url, feed.url))}`);
      return { feed: row!, created };
    },

    async removeFeed(id) {
      const [row] = await driver.all<{ id: number }>(sql`SELECT ${t.feeds.id} AS id FROM ${t.feeds} WHERE ${eq(t.feeds.id, id)}`);
      if (!row) return false;
      await driver.transaction(NOTHING, function* () {
        yield sql`DELETE FROM ${t.seenItems} WHERE ${eq(t.seenItems.feedId, id)}`;
        yield sql`DELETE FROM ${t.feedAlertCounts} WHERE ${eq(t.feedAlertCounts.feedId, id)}`;
        yield sql`DELETE FROM ${t.feeds} WHERE ${eq(t.feeds.id, id)}`;
      });
      return true;
    },

    feeds(tenant) {
      const f = t.feeds;
      const seen = tenant === undefined ? undefined : inArray(f.tenant, [GLOBAL_TENANT, tenant]);
      return driver.all<Feed>(sql`${selectAll(f)}${whereClause(seen)} ORDER BY ${asc(f.id)}`);
    },

    async adoptChannel(platform, channelId, tenant) {
      const { feeds: f, subscriptions: s } = t;
      const legacy = channelTenant(platform, channelId);
      await driver.transaction(NOTHING, function* () {
        yield sql`${setColumns(s, { tenant })} WHERE ${and(ofChannel(s, { platform, channelId }), eq(s.tenant, legacy))}`;
        yield sql`${setColumns(f, { tenant })} WHERE ${eq(f.tenant, legacy)}`;
        // A mention the tenant's own feeds stored already is kept once, as the tenant's.
        const m = t.alertMentions;
        yield sql`${setColumns(m, { tenant })} WHERE ${eq(m.tenant, legacy)} AND ${m.token} NOT IN (SELECT ${m.token} FROM ${m} WHERE ${eq(m.tenant, tenant)})`;
        yield sql`DELETE FROM ${m} WHERE ${eq(m.tenant, legacy)}`;
      });
    },

    async updateFeed(id, state) {
      if (Object.values(state).some((v) => v !== undefined)) {
        await driver.run(sql`${setColumns(t.feeds, state)} WHERE ${eq(t.feeds.id, id)}`);
      }
    },

    async countArticlePages(id, read, failed, lastError) {
      const f = t.feeds;
      // Added in the database, so that counts from two polls never overwrite each other.
      const counts = { pagesRead: sql`${f.pagesRead} + ${read}`, pagesFailed: sql`${f.pagesFailed} + ${failed}`, lastPageError: lastError ?? undefined };
      await driver.run(sql`${setColumns(f, counts)} WHERE ${eq(f.id, id)}`);
    },

    async seenItemKeys(feedId, keys) {
      const seen = new Set<string>();
      for (const batch of chunks(keys)) {
        const rows = await driver.all<{ key: string }>(
          sql`SELECT ${t.seenItems.itemKey} AS key FROM ${t.seenItems} WHERE ${and(eq(t.seenItems.feedId, feedId), inArray(t.seenItems.itemKey, batch))}`,
        );
        for (const row of rows) seen.add(row.key);
      }
      return seen;
    },

    async recordPoll(feedId, itemKeys, alerts, state, now, dueAt = now, limited, stories) {
      const seenRows = [...new Set(itemKeys)].map((itemKey) => ({ feedId, itemKey, seenAt: now }));
      const aboutStories = stories ? alerts.filter((a) => a.story) : [];
      const since = storiesSince(now, stories?.keepDays ?? 0);
      const read = aboutStories.length ? selectStories(aboutStories, since) : NOTHING;
      // Polls of feeds carrying one story may be recorded at once: the stories table is theirs one at a time.
      const lock = aboutStories.length ? t.stories : undefined;
      await driver.transaction<StoryRow>(read, function* (rows) {
        for (const batch of chunks(seenRows)) yield sql`${insertRows(t.seenItems, batch)} ON CONFLICT DO NOTHING`;
        const merged: StoryWrites = stories ? stories.merge(alerts, aboutStories.length ? rows.map(storedStory) : [], now) : { alerts, created: [], sourcesAdded: [], payloads: [] };
        yield* outboxInserts(merged.alerts, now, dueAt);
        yield* storyWrites(merged, since);
        if (limited) yield* floodWrites(feedId, limited);
        if (Object.values(state).some((v) => v !== undefined)) yield sql`${setColumns(t.feeds, state)} WHERE ${eq(t.feeds.id, feedId)}`;
      }, lock);
    },

    async feedAlertCounts(feedId, hour) {
      const c = t.feedAlertCounts;
      const rows = await driver.all<Omit<FeedAlertCount, 'entities'> & { entities: unknown }>(sql`${selectAll(c)} WHERE ${and(eq(c.feedId, feedId), eq(c.hour, hour))}`);
      return rows.map((row) => ({ ...row, entities: parseJson<string[]>(row.entities) }));
    },

    async releaseAlerts(heldUntil, now) {
      const o = t.outbox;
      await driver.run(sql`${setColumns(o, { nextAttemptAt: now })} WHERE ${and(eq(o.status, 'pending'), eq(o.nextAttemptAt, heldUntil))}`);
    },

    async enqueueAlerts(alerts, now) {
      await driver.transaction(NOTHING, () => outboxInserts(alerts, now));
    },

    async claimAlerts(worker, limit, now, staleBefore, latest) {
      const o = t.outbox;
      const pending = eq(o.status, 'pending');
      const sending = eq(o.status, 'sending');
      const stampedAhead = latest === undefined ? undefined : or(and(pending, gt(o.nextAttemptAt, latest)), and(sending, gt(o.claimedAt, latest)));
      const due = or(and(pending, lte(o.nextAttemptAt, now)), and(sending, lt(o.claimedAt, staleBefore)), stampedAhead);
      // Only a channel's oldest unfinished alert: while it waits (backoff, rate limit) or is being sent, the
      // channel's later alerts wait too, so they go out in order and one at a time, whichever worker sends them.
      const earlier = (column: Column) => sql`${sql.identifier('earlier')}.${sql.identifier(column.name)}`;
      const waitsBehindEarlier = sql`EXISTS (SELECT 1 FROM ${o} AS ${sql.identifier('earlier')}
        WHERE ${earlier(o.platform)} = ${o.platform} AND ${earlier(o.channelId)} = ${o.channelId}
          AND ${earlier(o.id)} < ${o.id} AND ${earlier(o.status)} IN ('pending', 'sending'))`;
      // PostgreSQL: rows another process is claiming right now are skipped, not waited for.
      const lock = driver.dialect === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
      const rows = await driver.all<OutboxAlert>(sql`
        UPDATE ${o} SET ${sql.identifier(o.status.name)} = 'sending', ${sql.identifier(o.claimedBy.name)} = ${worker},
          ${sql.identifier(o.claimedAt.name)} = ${now}, ${sql.identifier(o.attempts.name)} = ${sql.identifier(o.attempts.name)} + 1
        WHERE ${sql.identifier(o.id.name)} IN (
          SELECT ${o.id} FROM ${o} WHERE ${due} AND NOT ${waitsBehindEarlier} ORDER BY ${asc(o.id)} LIMIT ${limit}${lock})
        ${returningAll(o)}`);
      return rows.map((row) => ({ ...row, payload: parseJson(row.payload) })).sort((a, b) => a.id - b.id);
    },

    async markAlertSent(id, now) {
      await driver.run(sql`${setColumns(t.outbox, { status: 'sent', sentAt: now, lastError: null })} WHERE ${eq(t.outbox.id, id)}`);
    },

    async markAlertFailed(id, error, nextAttemptAt) {
      const patch = nextAttemptAt === null ? { status: 'dead', lastError: error } : { status: 'pending', nextAttemptAt, lastError: error };
      await driver.run(sql`${setColumns(t.outbox, { ...patch, claimedBy: null })} WHERE ${eq(t.outbox.id, id)}`);
    },

    async deferAlert(id, reason, until) {
      const o = t.outbox;
      const attempts = sql.identifier(o.attempts.name);
      await driver.run(sql`${setColumns(o, { status: 'pending', nextAttemptAt: until, lastError: reason, claimedBy: null })},
        ${attempts} = ${attempts} - 1 WHERE ${eq(o.id, id)}`);
    },

    async outboxDepth() {
      const o = t.outbox;
      const [row] = await driver.all<{ pending: number; oldest: string | null }>(sql`
        SELECT CAST(count(*) AS integer) AS pending, min(${o.createdAt}) AS oldest FROM ${o} WHERE ${inArray(o.status, ['pending', 'sending'])}`);
      return { pending: row?.pending ?? 0, oldest: row?.oldest ?? null };
    },

    async pauseChannel(platform, channelId, now) {
      const s = t.subscriptions;
      await driver.run(sql`${setColumns(s, { pausedAt: now })} WHERE ${and(eq(s.platform, platform), eq(s.channelId, channelId), isNull(s.pausedAt))}`);
    },

    async resumeChannel(platform, channelId) {
      const s = t.subscriptions;
      return driver.run(sql`${setColumns(s, { pausedAt: null })} WHERE ${and(eq(s.platform, platform), eq(s.channelId, channelId), isNotNull(s.pausedAt))}`);
    },

    async acquireLease(name, holder, ttlMs) {
      const l = t.leases;
      const rows = await driver.all<{ holder: string }>(sql`
        INSERT INTO ${l} (${columnName(l.name)}, ${columnName(l.holder)}, ${columnName(l.expiresAt)}) VALUES (${name}, ${holder}, ${databaseClock(ttlMs)})
        ON CONFLICT (${columnName(l.name)}) DO UPDATE SET ${columnName(l.holder)} = excluded.${columnName(l.holder)}, ${columnName(l.expiresAt)} = excluded.${columnName(l.expiresAt)}
        WHERE ${l.holder} = excluded.${columnName(l.holder)} OR ${l.expiresAt} <= ${databaseClock(0)}
        RETURNING ${columnName(l.holder)} AS holder`);
      return rows.length > 0;
    },

    async saveAlertMentions(mentions, from, forgetBefore) {
      const m = t.alertMentions;
      const seen = new Set<string>();
      const unique = mentions.filter((mention) => !seen.has(mention.token) && Boolean(seen.add(mention.token)));
      const rows = unique.map((mention) => ({ ...mention, tenant: from.tenant, feedId: from.id }));
      await driver.transaction(NOTHING, function* () {
        yield sql`DELETE FROM ${m} WHERE ${lt(m.createdAt, forgetBefore)}`;
        for (const batch of chunks(rows)) yield sql`${insertRows(m, batch)} ON CONFLICT DO NOTHING`;
      });
    },

    async alertMention(token) {
      const [row] = await driver.all<AlertMention>(sql`${selectMentions()} WHERE ${eq(t.alertMentions.token, token)} LIMIT 1`);
      return row ?? null;
    },

    recentMentions(tenant, since, limit) {
      const m = t.alertMentions;
      const where = and(inArray(m.tenant, [GLOBAL_TENANT, tenant]), gte(m.createdAt, since));
      return driver.all<AlertMention>(sql`${selectMentions()} WHERE ${where} ORDER BY ${desc(m.createdAt)} LIMIT ${limit}`);
    },

    async addVerdict(verdict) {
      return (await driver.run(sql`${insertRows(t.verdicts, [verdict])} ON CONFLICT DO NOTHING`)) > 0;
    },

    verdicts(channel) {
      const v = t.verdicts;
      return driver.all<Verdict>(sql`${selectAll(v)}${whereClause(ofChannel(v, channel))} ORDER BY ${asc(v.id)}`);
    },

    async removeVerdict(channel, id) {
      const v = t.verdicts;
      return (await driver.run(sql`DELETE FROM ${v} WHERE ${and(ofChannel(v, channel), eq(v.id, id))}`)) > 0;
    },

    async firstRequest(key, now, keepMs) {
      const r = t.replays;
      const before = new Date(Date.parse(now) - keepMs).toISOString();
      await driver.run(sql`DELETE FROM ${r} WHERE ${lt(r.seenAt, before)}`);
      return (await driver.run(sql`${insertRows(r, [{ key, seenAt: now }])} ON CONFLICT DO NOTHING`)) > 0;
    },

    async releaseLease(name, holder) {
      await driver.run(sql`DELETE FROM ${t.leases} WHERE ${and(eq(t.leases.name, name), eq(t.leases.holder, holder))}`);
    },

    async countLeases(prefix) {
      const l = t.leases;
      const [row] = await driver.all<{ n: number }>(sql`
        SELECT CAST(count(*) AS integer) AS n FROM ${l} WHERE substr(${l.name}, 1, ${prefix.length}) = ${prefix} AND ${l.expiresAt} > ${databaseClock(0)}`);
      return row?.n ?? 0;
    },

    close: () => driver.close(),
  };

  /** A stored mention as the alerts made it: which tenant's feed read it is the store's to filter by, not the caller's to see. */
  function selectMentions(): SQL {
    const { tenant: _tenant, feedId: _feedId, ...columns } = getTableColumns(t.alertMentions);
    return selectColumns(t.alertMentions, columns);
  }

  /** The database's clock `ms` from now, as ISO-8601 UTC text like every timestamp here: one clock for all processes. */
  function databaseClock(ms: number): SQL {
    return driver.dialect === 'postgres'
      ? sql`to_char(clock_timestamp() AT TIME ZONE 'UTC' + make_interval(secs => ${ms / 1000}), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`${ms / 1000} seconds`})`;
  }

  /** The recent stories of the channels `alerts` go to, with where each one's alert stands (its payload while unsent). */
  function selectStories(alerts: readonly NewOutboxAlert[], since: string): SQL {
    const { stories: s, outbox: o } = t;
    const channels = new Map(alerts.map((a) => [`${a.platform}:${a.channelId}`, a]));
    const ofChannels = or(...[...channels.values()].map((a) => ofChannel(s, a)));
    return sql`
      SELECT ${s.id} AS id, ${s.platform} AS platform, ${s.channelId} AS "channelId", ${s.link} AS link, ${s.titleKey} AS "titleKey",
             ${s.publishedAt} AS "publishedAt", ${s.alertKey} AS "alertKey", ${s.sources} AS sources, ${s.firstSeenAt} AS "firstSeenAt",
             ${o.status} AS "alertStatus", CASE WHEN ${inArray(o.status, [...UNSENT])} THEN ${o.payload} END AS "alertPayload"
      FROM ${s} LEFT JOIN ${o} ON ${o.dedupeKey} = ${s.alertKey}
      WHERE ${gte(s.firstSeenAt, since)} AND ${ofChannels} ORDER BY ${asc(s.id)}`;
  }

  function* storyWrites(merged: StoryWrites, since: string): Generator<SQL> {
    const { stories: s, outbox: o } = t;
    const created = merged.created.map((story) => ({ ...story, sources: JSON.stringify(story.sources) }));
    for (const batch of chunks(created)) yield insertRows(s, batch);
    for (const { id, sources } of merged.sourcesAdded) yield sql`${setColumns(s, { sources: JSON.stringify(sources) })} WHERE ${eq(s.id, id)}`;
    // Claimed by a sender since the read (PostgreSQL), an alert goes as it was; its story still records every source.
    for (const { alertKey, payload } of merged.payloads) {
      yield sql`${setColumns(o, { payload: JSON.stringify(payload) })} WHERE ${and(eq(o.dedupeKey, alertKey), inArray(o.status, [...UNSENT]))}`;
    }
    if (merged.created.length || merged.sourcesAdded.length) yield sql`DELETE FROM ${s} WHERE ${lt(s.firstSeenAt, since)}`;
  }

  /** A poll's alert counts (its hour's, replacing; earlier hours dropped) and its summaries' newer counts while unsent. */
  function* floodWrites(feedId: number, { counts, summaries }: Pick<LimitedAlerts, 'summaries' | 'counts'>): Generator<SQL> {
    const c = t.feedAlertCounts;
    const o = t.outbox;
    const hours = [...new Set(counts.map((count) => count.hour))];
    if (hours.length) yield sql`DELETE FROM ${c} WHERE ${and(eq(c.feedId, feedId), lt(c.hour, hours.sort()[0]!))}`;
    const rows = counts.map((count) => ({ ...count, entities: JSON.stringify(count.entities) }));
    for (const batch of chunks(rows)) yield upsertRows(c, [c.feedId, c.platform, c.channelId, c.hour], batch);
    for (const { dedupeKey, payload } of summaries) {
      yield sql`${setColumns(o, { payload: JSON.stringify(payload) })} WHERE ${and(eq(o.dedupeKey, dedupeKey), inArray(o.status, [...UNSENT]))}`;
    }
  }

  function* outboxInserts(alerts: readonly NewOutboxAlert[], now: string, dueAt = now): Generator<SQL> {
    const rows = alerts.map((a) => ({
      platform: a.platform,
      channelId: a.channelId,
      dedupeKey: a.dedupeKey,
      payload: JSON.stringify(a.payload),
      status: a.digest ? ('digest' as const) : ('pending' as const),
      attempts: 0,
      nextAttemptAt: dueAt,
      createdAt: now,
    }));
    for (const batch of chunks(rows)) yield sql`${insertRows(t.outbox, batch)} ON CONFLICT DO NOTHING`;
  }
}
