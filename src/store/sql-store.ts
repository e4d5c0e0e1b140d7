// The Store, written once over a dialect driver that runs dialect-neutral SQL (see sql.ts).
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { NewOutboxAlert, OutboxAlert } from '../alerts/outbox.ts';
import type { Subscription } from '../alerts/subscription.ts';
import type { Feed } from '../feeds/feed.ts';
import type { DesignationEvent, Entity } from '../designations/model.ts';
import { assertDistinctIds, listVersionWrites, selectStoredHashes, type StoredHash } from './list-version.ts';
import { parseJson } from './rows.ts';
import { chunks, insertRows, returningAll, selectAll, setColumns, type Tables } from './sql.ts';
import type { ListVersion, Store } from './store.ts';

export interface SqlDriver {
  readonly dialect: Store['dialect'];
  readonly tables: Tables;
  /** Rows come back as T unchecked: the query's column aliases must match T. */
  all<T>(query: SQL): Promise<T[]>;
  /** Runs one statement; returns how many rows it changed. */
  run(query: SQL): Promise<number>;
  /** Runs `read`, then every statement `writes` yields for its rows, in one transaction: all or nothing. */
  transaction<T>(read: SQL, writes: (rows: T[]) => Iterable<SQL>): Promise<void>;
  close(): Promise<void>;
}

type EventRow = Omit<DesignationEvent, 'changes'> & { id: number; changes: unknown };

/** A statement that reads nothing, for transactions whose writes need no prior read. */
const NOTHING = sql`SELECT 1 AS one`;

export function createSqlStore(driver: SqlDriver): Store {
  const t = driver.tables;

  async function entities(where?: SQL): Promise<Entity[]> {
    const filter = where ? sql` WHERE ${where}` : sql``;
    const rows = await driver.all<{ data: unknown }>(
      sql`SELECT ${t.entities.data} AS data FROM ${t.entities}${filter} ORDER BY ${t.entities.id}`,
    );
    return rows.map((row) => parseJson<Entity>(row.data));
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

    async applyListVersion(version, list, events) {
      assertDistinctIds(version.id, list);
      const now = new Date().toISOString();
      await driver.transaction<StoredHash>(selectStoredHashes(t, version.id), (stored) =>
        listVersionWrites(t, version, list, events, stored, now),
      );
    },

    async events(entityId) {
      const e = t.designationEvents;
      const filter = entityId === undefined ? sql`` : sql` WHERE ${eq(e.entityId, entityId)}`;
      const rows = await driver.all<EventRow>(sql`
        SELECT ${e.id} AS id, ${e.entityId} AS "entityId", ${e.listId} AS "listId", ${e.kind} AS kind,
               ${e.date} AS date, ${e.name} AS name, ${e.changes} AS changes
        FROM ${e}${filter} ORDER BY ${desc(e.date)}, ${desc(e.id)}`);
      return rows.map((row) => ({ ...row, changes: parseJson<DesignationEvent['changes']>(row.changes) }));
    },

    async addSubscription(subscription) {
      return (await driver.run(sql`${insertRows(t.subscriptions, [subscription])} ON CONFLICT DO NOTHING`)) > 0;
    },

    async removeSubscription({ platform, channelId, kind, value }) {
      const s = t.subscriptions;
      const where = and(eq(s.platform, platform), eq(s.channelId, channelId), eq(s.kind, kind), eq(s.value, value));
      return (await driver.run(sql`DELETE FROM ${s} WHERE ${where}`)) > 0;
    },

    subscriptions(channel) {
      const s = t.subscriptions;
      const filter = channel ? sql` WHERE ${and(eq(s.platform, channel.platform), eq(s.channelId, channel.channelId))}` : sql``;
      return driver.all<Subscription>(sql`${selectAll(s)}${filter} ORDER BY ${asc(s.id)}`);
    },

    async addFeed(feed) {
      const created = (await driver.run(sql`${insertRows(t.feeds, [feed])} ON CONFLICT DO NOTHING`)) > 0;
      const [row] = await driver.all<Feed>(sql`${selectAll(t.feeds)} WHERE ${eq(t.feeds.url, feed.url)}`);
      return { feed: row!, created };
    },

    async removeFeed(url) {
      const [row] = await driver.all<{ id: number }>(sql`SELECT ${t.feeds.id} AS id FROM ${t.feeds} WHERE ${eq(t.feeds.url, url)}`);
      if (!row) return false;
      await driver.transaction(NOTHING, function* () {
        yield sql`DELETE FROM ${t.seenItems} WHERE ${eq(t.seenItems.feedId, row.id)}`;
        yield sql`DELETE FROM ${t.feeds} WHERE ${eq(t.feeds.id, row.id)}`;
      });
      return true;
    },

    feeds: () => driver.all<Feed>(sql`${selectAll(t.feeds)} ORDER BY ${asc(t.feeds.id)}`),

    async updateFeed(id, state) {
      if (Object.values(state).some((v) => v !== undefined)) {
        await driver.run(sql`${setColumns(t.feeds, state)} WHERE ${eq(t.feeds.id, id)}`);
      }
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

    async recordPoll(feedId, itemKeys, alerts, state, now) {
      const seenRows = [...new Set(itemKeys)].map((itemKey) => ({ feedId, itemKey, seenAt: now }));
      await driver.transaction(NOTHING, function* () {
        for (const batch of chunks(seenRows)) yield sql`${insertRows(t.seenItems, batch)} ON CONFLICT DO NOTHING`;
        yield* outboxInserts(alerts, now);
        if (Object.values(state).some((v) => v !== undefined)) yield sql`${setColumns(t.feeds, state)} WHERE ${eq(t.feeds.id, feedId)}`;
      });
    },

    async enqueueAlerts(alerts, now) {
      await driver.transaction(NOTHING, () => outboxInserts(alerts, now));
    },

    async claimAlerts(worker, limit, now, staleBefore) {
      const o = t.outbox;
      const due = or(and(eq(o.status, 'pending'), lte(o.nextAttemptAt, now)), and(eq(o.status, 'sending'), lt(o.claimedAt, staleBefore)));
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

    close: () => driver.close(),
  };

  function* outboxInserts(alerts: readonly NewOutboxAlert[], now: string): Generator<SQL> {
    const rows = alerts.map((a) => ({
      platform: a.platform,
      channelId: a.channelId,
      dedupeKey: a.dedupeKey,
      payload: JSON.stringify(a.payload),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }));
    for (const batch of chunks(rows)) yield sql`${insertRows(t.outbox, batch)} ON CONFLICT DO NOTHING`;
  }
}
