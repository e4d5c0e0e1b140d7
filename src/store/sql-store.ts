// The Store, written once over a dialect driver that runs dialect-neutral SQL (see sql.ts).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Subscription } from '../alerts/subscription.ts';
import type { DesignationEvent, Entity } from '../designations/model.ts';
import { assertDistinctIds, listVersionWrites, selectStoredHashes, type StoredHash } from './list-version.ts';
import { parseJson } from './rows.ts';
import { insertRows, selectAll, type Tables } from './sql.ts';
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

    close: () => driver.close(),
  };
}
