// The Store contract, one suite run on SQLite (a temp file) and on PostgreSQL when TEST_DATABASE_URL is set.
import { getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesignationEvent, Entity } from '../../src/designations/model.ts';
import { openStore } from '../../src/store/open.ts';
import * as pgSchema from '../../src/store/schema-pg.ts';
import * as sqliteSchema from '../../src/store/schema-sqlite.ts';
import type { ListVersion, Store } from '../../src/store/store.ts';
import { type TestDatabase, postgres, sqlite } from '../helpers/databases.ts';

function entity(id: string, overrides: Partial<Entity> = {}): Entity {
  return {
    id,
    type: 'organization',
    name: `Company ${id}`,
    aliases: [{ name: `Alias ${id}`, kind: 'aka', strength: 'strong' }],
    countries: ['KP'],
    programs: ['DPRK3'],
    lists: [{ id: 'ofac-sdn', name: 'SDN List' }],
    designated: '2021-12-09',
    remarks: null,
    identifiers: [{ type: 'Website', value: `${id}.example` }],
    addresses: [{ city: 'Pyongyang', country: 'North Korea', countryCode: 'KP' }],
    related: [],
    sourceUrl: null,
    ...overrides,
  };
}

function version(date: string, entityCount: number, id = 'ofac-sdn'): ListVersion {
  return {
    id,
    name: `${id} list`,
    source: `${id}.csv`,
    versionDate: date,
    importedAt: `${date}T12:00:00.000Z`,
    entityCount,
    contentHash: `hash-${id}-${date}`,
  };
}

function event(e: Entity, kind: DesignationEvent['kind'], date: string, changes: DesignationEvent['changes'] = []): DesignationEvent {
  return { entityId: e.id, listId: 'ofac-sdn', kind, date, name: e.name, changes };
}

/** A whole database's visible content, to show that a failed import changed nothing. */
async function snapshot(store: Store, db: TestDatabase) {
  return {
    entities: await store.loadEntities(),
    versions: await store.listVersions(),
    events: await store.events(),
    aliases: await db.query('SELECT entity_id, name FROM aliases ORDER BY entity_id, name'),
    programs: await db.query('SELECT entity_id, program FROM entity_programs ORDER BY entity_id, program'),
  };
}

afterAll(async () => {
  for (const dialect of [sqlite, postgres]) if (dialect.available) await dialect.cleanup();
});

for (const dialect of [sqlite, postgres]) {
  describe.runIf(dialect.available)(`store on ${dialect.name}`, () => {
    it('records feeds, seen items and outbox alerts of a poll in one go, each once', async () => {
      const store = await dialect.fresh().open();
      const now = '2026-11-23T10:00:00.000Z';
      const { feed, created } = await store.addFeed({ url: 'https://example.org/rss', title: null, addedBy: 'config', addedInChannel: 'config', createdAt: now });
      expect(created).toBe(true);
      expect((await store.addFeed({ ...feed, createdAt: now })).created).toBe(false);
      expect(feed).toMatchObject({ status: 'active', failures: 0, etag: null, nextPollAt: null });

      const alert = (channelId: string, key: string) => ({ platform: 'slack', channelId, dedupeKey: `slack:${channelId}:${key}`, payload: { title: `about ${key}`, n: 1 } });
      await store.recordPoll(feed.id, ['a', 'b', 'b'], [alert('C1', 'a'), alert('C2', 'a')], { etag: '"v1"', lastSuccessAt: now, failures: 0 }, now);
      await store.recordPoll(feed.id, ['a', 'c'], [alert('C1', 'a')], {}, now);
      expect(await store.seenItemKeys(feed.id, ['a', 'b', 'c', 'd'])).toEqual(new Set(['a', 'b', 'c']));
      expect((await store.feeds())[0]).toMatchObject({ etag: '"v1"', lastSuccessAt: now });
      expect(await store.outboxDepth()).toEqual({ pending: 2, oldest: now });

      const claimed = await store.claimAlerts('w1', 10, now, '2026-11-23T09:55:00.000Z');
      expect(claimed.map((a) => [a.channelId, a.status, a.attempts, a.claimedBy])).toEqual([['C1', 'sending', 1, 'w1'], ['C2', 'sending', 1, 'w1']]);
      expect(claimed[0]!.payload).toEqual({ title: 'about a', n: 1 });
      expect(await store.claimAlerts('w2', 10, now, '2026-11-23T09:55:00.000Z')).toEqual([]);

      await store.markAlertSent(claimed[0]!.id, now);
      await store.markAlertFailed(claimed[1]!.id, 'HTTP 500', '2026-11-23T10:01:00.000Z');
      expect(await store.claimAlerts('w2', 10, now, '2026-11-23T09:55:00.000Z')).toEqual([]);
      const retried = await store.claimAlerts('w2', 10, '2026-11-23T10:01:00.000Z', '2026-11-23T09:56:00.000Z');
      expect(retried.map((a) => [a.channelId, a.attempts, a.lastError])).toEqual([['C2', 2, 'HTTP 500']]);
      // A worker that died mid-send: its claim goes stale and another worker takes the alert over.
      const takenOver = await store.claimAlerts('w3', 10, '2026-11-23T10:20:00.000Z', '2026-11-23T10:10:00.000Z');
      expect(takenOver.map((a) => [a.channelId, a.claimedBy, a.attempts])).toEqual([['C2', 'w3', 3]]);
      await store.markAlertFailed(takenOver[0]!.id, 'channel_not_found', null);
      expect(await store.outboxDepth()).toEqual({ pending: 0, oldest: null });

      expect(await store.removeFeed(feed.id)).toBe(true);
      expect(await store.removeFeed(feed.id)).toBe(false);
      expect(await store.seenItemKeys(feed.id, ['a'])).toEqual(new Set());
      await store.close();
    });

    it("claims only a channel's oldest unfinished alert, and defers a rate-limited one without counting the attempt", async () => {
      const store = await dialect.fresh().open();
      const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const alert = (channelId: string, n: number) => ({ platform: 'slack', channelId, dedupeKey: `slack:${channelId}:${n}`, payload: { n } });
      await store.enqueueAlerts([alert('C1', 1), alert('C1', 2), alert('C2', 1), alert('C1', 3), alert('C2', 2)], at(0));
      const claimed = (alerts: { channelId: string; payload: unknown }[]) => alerts.map((a) => [a.channelId, (a.payload as { n: number }).n]);

      const first = await store.claimAlerts('w1', 10, at(0), at(0));
      expect(claimed(first)).toEqual([['C1', 1], ['C2', 1]]);
      // C1's first alert is being sent: another worker finds nothing more of C1.
      expect(claimed(await store.claimAlerts('w2', 10, at(0), at(0)))).toEqual([]);

      await store.markAlertSent(first[1]!.id, at(0));
      await store.markAlertFailed(first[0]!.id, 'HTTP 500', at(5));
      // C1's first alert waits for its retry: C1's later ones wait behind it, C2 goes on.
      expect(claimed(await store.claimAlerts('w2', 10, at(1), at(0)))).toEqual([['C2', 2]]);

      const retried = await store.claimAlerts('w2', 10, at(5), at(0));
      expect(retried.map((a) => [a.channelId, a.attempts])).toEqual([['C1', 2]]);
      await store.deferAlert(retried[0]!.id, 'ratelimited', at(6));
      expect(await store.claimAlerts('w2', 10, at(5), at(0))).toEqual([]);
      const afterWait = await store.claimAlerts('w2', 10, at(6), at(0));
      expect(afterWait.map((a) => [a.channelId, a.attempts, a.lastError])).toEqual([['C1', 2, 'ratelimited']]);

      // A dead alert no longer holds its channel back.
      await store.markAlertFailed(afterWait[0]!.id, 'channel_not_found', null);
      expect(claimed(await store.claimAlerts('w2', 10, at(6), at(0)))).toEqual([['C1', 2]]);
      await store.close();
    });

    it('pauses the subscriptions of a channel the bot can no longer post to', async () => {
      const store = await dialect.fresh().open();
      const sub = { platform: 'discord', channelId: 'gone', kind: 'country' as const, value: 'KP', createdBy: 'U1', createdAt: '2026-11-23T10:00:00.000Z' };
      await store.addSubscription(sub);
      await store.addSubscription({ ...sub, channelId: 'alive' });
      await store.pauseChannel('discord', 'gone', '2026-11-23T11:00:00.000Z');
      expect((await store.subscriptions()).map((s) => [s.channelId, s.pausedAt])).toEqual([['gone', '2026-11-23T11:00:00.000Z'], ['alive', null]]);
      await store.close();
    });

    it('adds, lists and removes a channel\'s subscriptions, each once', async () => {
      const store = await dialect.fresh().open();
      const sub = { platform: 'slack', channelId: 'C1', kind: 'country' as const, value: 'KP', createdBy: 'U1', createdAt: '2026-11-23T10:00:00.000Z' };
      expect(await store.addSubscription(sub)).toBe(true);
      expect(await store.addSubscription(sub)).toBe(false);
      expect(await store.addSubscription({ ...sub, kind: 'program', value: 'GLOMAG' })).toBe(true);
      expect(await store.addSubscription({ ...sub, channelId: 'C2' })).toBe(true);
      const c1 = await store.subscriptions({ platform: 'slack', channelId: 'C1' });
      expect(c1.map((s) => [s.kind, s.value])).toEqual([['country', 'KP'], ['program', 'GLOMAG']]);
      expect(c1[0]).toMatchObject({ ...sub, pausedAt: null });
      expect(await store.subscriptions({ platform: 'discord', channelId: 'C1' })).toEqual([]);
      expect(await store.removeSubscription({ platform: 'slack', channelId: 'C1', kind: 'country', value: 'KP' })).toBe(true);
      expect(await store.removeSubscription({ platform: 'slack', channelId: 'C1', kind: 'country', value: 'KP' })).toBe(false);
      expect((await store.subscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C2']);
      await store.close();
    });

    it("keeps an article's mentions per tenant whose feed read it, shows a tenant its own and the operator's, forgets old ones", async () => {
      const store = await dialect.fresh().open();
      const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      const mention = (token: string, day: number) => ({ token, entityId: `e-${token}`, matched: token, articleLink: null, articleTitle: `about ${token}`, createdAt: at(day) });
      const tokens = async (tenant: string) => (await store.recentMentions(tenant, at(1), 100)).map((m) => m.token);
      await store.saveAlertMentions([mention('old', 1), mention('shared', 5)], { id: 1, tenant: 'global' }, at(1));
      await store.saveAlertMentions([mention('shared', 5), mention('own', 6), mention('own', 6)], { id: 2, tenant: 'slack:T1' }, at(1));
      await store.saveAlertMentions([mention('legacy', 4)], { id: 3, tenant: 'channel:slack:C9' }, at(1));
      expect(await tokens('slack:T1')).toEqual(['own', 'shared', 'shared', 'old']);
      expect(await tokens('discord:G1')).toEqual(['shared', 'old']);
      expect((await store.recentMentions('slack:T1', at(5), 1)).map((m) => m.token)).toEqual(['own']);
      expect(await store.alertMention('own')).toEqual(mention('own', 6));

      // A channel's rows from before tenancy become its tenant's: a token the tenant has already is kept once.
      await store.saveAlertMentions([mention('own', 6)], { id: 3, tenant: 'channel:slack:C9' }, at(1));
      await store.adoptChannel('slack', 'C9', 'slack:T1');
      expect(await tokens('slack:T1')).toEqual(['own', 'shared', 'shared', 'legacy', 'old']);
      expect(await tokens('channel:slack:C9')).toEqual(['shared', 'old']);

      // Storing forgets what was stored before the given time, whichever tenant's.
      await store.saveAlertMentions([mention('new', 7)], { id: 1, tenant: 'global' }, at(5));
      expect(await tokens('slack:T1')).toEqual(['new', 'own', 'shared', 'shared']);
      expect(await store.alertMention('old')).toBeNull();
      await store.close();
    });

    it('migrates a fresh database, and re-opening migrates nothing', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      expect(store.dialect).toBe(dialect.name);
      expect(await store.countEntities()).toBe(0);
      expect(await store.listVersions()).toEqual([]);
      await store.applyListVersion(version('2021-12-09', 1), [entity('a')], []);
      await store.close();

      const journal = 'SELECT hash FROM __drizzle_migrations';
      const applied = await db.query(journal);
      expect(applied.length).toBeGreaterThan(0);
      const reopened = await db.open();
      expect(await db.query(journal)).toEqual(applied);
      expect(await reopened.loadEntities()).toEqual([entity('a')]);
      await reopened.close();
    });

    it('makes a new version the whole content of its list, with its events', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      const [a, b, c] = [entity('a'), entity('b'), entity('c')];
      await store.applyListVersion(version('2021-12-09', 3), [a, b, c], [event(a, 'added', '2021-12-09')]);
      const [aBefore] = await db.query(`SELECT updated_at FROM entities WHERE id = 'a'`);

      const b2 = entity('b', {
        aliases: [...b.aliases, { name: 'B Trading', kind: 'fka', strength: 'weak' }],
        programs: ['DPRK3', 'GLOMAG'],
      });
      const d = entity('d', { type: 'vessel', countries: ['IR', 'KP'] });
      const changes = [{ field: 'aliases', added: ['B Trading'], removed: [] }];
      const events = [event(b2, 'changed', '2021-12-10', changes), event(c, 'removed', '2021-12-10'), event(d, 'added', '2021-12-10')];
      await store.applyListVersion(version('2021-12-10', 3), [a, b2, d], events);

      expect(await store.loadEntities('ofac-sdn')).toEqual([a, b2, d]);
      expect(await store.getEntity('c')).toBeNull();
      expect(await store.getEntity('b')).toEqual(b2);
      expect(await store.countEntities()).toBe(3);
      expect(await store.listVersions()).toEqual([version('2021-12-10', 3)]);
      expect(await db.query(`SELECT updated_at FROM entities WHERE id = 'a'`)).toEqual([aBefore]);
      expect(await db.query(`SELECT entity_id, name, kind, strength FROM aliases ORDER BY entity_id, name`)).toEqual([
        { entity_id: 'a', name: 'Alias a', kind: 'aka', strength: 'strong' },
        { entity_id: 'b', name: 'Alias b', kind: 'aka', strength: 'strong' },
        { entity_id: 'b', name: 'B Trading', kind: 'fka', strength: 'weak' },
        { entity_id: 'd', name: 'Alias d', kind: 'aka', strength: 'strong' },
      ]);
      expect(await db.query(`SELECT entity_id, program FROM entity_programs WHERE program = 'GLOMAG'`)).toEqual([
        { entity_id: 'b', program: 'GLOMAG' },
      ]);
      expect(await db.query(`SELECT entity_id FROM entity_countries WHERE country = 'IR'`)).toEqual([{ entity_id: 'd' }]);

      const recorded = await store.events();
      expect(recorded.map(({ id, ...rest }) => rest)).toEqual([events[2], events[1], events[0], event(a, 'added', '2021-12-09')]);
      expect(await store.events('b')).toEqual([{ ...events[0], id: expect.any(Number) }]);
      await store.close();
    });

    it('keeps each list to itself, and lists events of an entity newest first', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      const sdn = [entity('ofac-sdn-1'), entity('ofac-sdn-2')];
      const cons = [entity('ofac-cons-1', { lists: [{ id: 'ofac-cons', name: 'Consolidated' }] })];
      await store.applyListVersion(version('2021-12-09', 2), sdn, [event(sdn[0]!, 'added', '2021-12-09')]);
      await store.applyListVersion(version('2021-12-09', 1, 'ofac-cons'), cons, []);
      const changed = entity('ofac-sdn-1', { remarks: 'now with remarks' });
      await store.applyListVersion(version('2021-12-11', 2), [changed, sdn[1]!], [
        event(changed, 'changed', '2021-12-11', [{ field: 'remarks', added: ['now with remarks'], removed: [] }]),
      ]);

      expect(await store.countEntities()).toBe(3);
      expect(await store.loadEntities('ofac-cons')).toEqual(cons);
      expect(await store.loadEntities()).toEqual([...cons, changed, sdn[1]]);
      expect(await store.getEntity('nope')).toBeNull();
      expect((await store.listVersions()).map((v) => [v.id, v.versionDate, v.entityCount])).toEqual([
        ['ofac-cons', '2021-12-09', 1],
        ['ofac-sdn', '2021-12-11', 2],
      ]);
      const history = await store.events('ofac-sdn-1');
      expect(history.map((e) => [e.kind, e.date])).toEqual([
        ['changed', '2021-12-11'],
        ['added', '2021-12-09'],
      ]);
      expect(history[0]!.changes).toEqual([{ field: 'remarks', added: ['now with remarks'], removed: [] }]);
      expect(history[0]!.id).toBeGreaterThan(history[1]!.id);
      await store.close();
    });

    it('writes nothing when an import fails part-way', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      const first = Array.from({ length: 700 }, (_, i) => entity(`e${String(i).padStart(4, '0')}`));
      await store.applyListVersion(version('2021-12-09', first.length), first, [event(first[0]!, 'added', '2021-12-09')]);
      const before = await snapshot(store, db);

      // Past the first batch of writes: removals, the list row and 500 entities are written by then.
      const unserialisable = { ...entity('e0600'), toJSON: () => { throw new Error('cannot serialise'); } };
      const second = [...first.slice(100, 600).map((e) => ({ ...e, remarks: 'changed' })), unserialisable, entity('new')];
      await expect(store.applyListVersion(version('2021-12-10', second.length), second, [])).rejects.toThrow('cannot serialise');
      expect(await snapshot(store, db)).toEqual(before);

      // A constraint the database enforces, on the very last statement.
      const nameless = { ...event(first[1]!, 'removed', '2021-12-10'), name: null as unknown as string };
      await expect(store.applyListVersion(version('2021-12-10', 1), [entity('new')], [nameless])).rejects.toThrow();
      expect(await snapshot(store, db)).toEqual(before);

      await expect(store.applyListVersion(version('2021-12-10', 2), [entity('x'), entity('x')], [])).rejects.toThrow(/x appears twice/);
      expect(await snapshot(store, db)).toEqual(before);
      await store.close();
    });

    // Speed is measured by `npm run bench`; here only that a list of the real size goes in whole.
    it('imports 15,000 entities with 20,000 aliases, and re-imports unchanged ones', async () => {
      const db = dialect.fresh();
      const store = await db.open();
      const many = Array.from({ length: 15_000 }, (_, i) =>
        entity(`ofac-sdn-${i}`, {
          aliases: Array.from({ length: i % 3 === 0 ? 2 : 1 }, (_, j) => ({ name: `Alias ${i}/${j}`, kind: 'aka' as const, strength: 'strong' as const })),
          remarks: 'x'.repeat(200),
        }),
      );
      await store.applyListVersion(version('2021-12-09', many.length), many, []);
      await store.applyListVersion(version('2021-12-10', many.length), many, []);
      expect(await store.countEntities()).toBe(15_000);
      expect((await store.listVersions())[0]?.versionDate).toBe('2021-12-10');
      const [aliases] = await db.query('SELECT count(*) AS n FROM aliases');
      expect(Number(aliases!.n)).toBe(20_000);
      await store.close();
    }, 30_000);
  });
}

describe('schemas', () => {
  it('declare the same tables, columns and indexes in both dialects', () => {
    const shape = (config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>) => ({
      table: config.name,
      columns: config.columns.map((c) => [c.name, c.notNull, c.primary, c.isUnique, c.hasDefault]),
      indexes: config.indexes.map((i) => i.config.name).sort(),
      primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    });
    const sqliteShapes = Object.values(sqliteSchema).map((table) => shape(sqliteTableConfig(table)));
    const pgShapes = Object.values(pgSchema).map((table) => shape(pgTableConfig(table)));
    expect(sqliteShapes).toHaveLength(17);
    expect(pgShapes).toEqual(sqliteShapes);
  });

  it('give each column the same type in both dialects, as each stores it', () => {
    // What a PostgreSQL column type is in SQLite: JSON is stored as text there (the store parses it), a serial is the
    // integer primary key SQLite numbers itself.
    const inSqlite: Record<string, string> = { PgText: 'SQLiteText', PgJsonb: 'SQLiteText', PgInteger: 'SQLiteInteger', PgSerial: 'SQLiteInteger' };
    const types = <C extends { name: string; columnType: string; primary: boolean }>(table: string, columns: C[], map: (c: C) => string) =>
      columns.map((c) => `${table}.${c.name}: ${map(c)}${c.primary ? ' primary' : ''}`);
    const sqliteTypes = Object.values(sqliteSchema).flatMap((t) => types(sqliteTableConfig(t).name, sqliteTableConfig(t).columns, (c) => c.columnType));
    const pgTypes = Object.values(pgSchema).flatMap((t) => types(pgTableConfig(t).name, pgTableConfig(t).columns, (c) => inSqlite[c.columnType] ?? c.columnType));
    expect(pgTypes).toEqual(sqliteTypes);
    // Serials are primary keys, and JSON is jsonb, not text, in PostgreSQL: the pairs above are the only ones.
    const pgColumns = Object.values(pgSchema).flatMap((t) => pgTableConfig(t).columns);
    expect(new Set(pgColumns.map((c) => c.columnType))).toEqual(new Set(Object.keys(inSqlite)));
    expect(pgColumns.filter((c) => c.columnType === 'PgSerial').every((c) => c.primary)).toBe(true);
  });
});

describe('openStore', () => {
  it('names DATABASE_URL and what it expects on an unsupported URL, without echoing credentials', async () => {
    const opening = openStore('mysql://root:secret@db.example/sanctions');
    await expect(opening).rejects.toThrow(/DATABASE_URL.*"mysql:".*postgres:\/\/.*SQLite/s);
    await expect(opening).rejects.not.toThrow(/secret/);
  });

  it('says where it could not connect when PostgreSQL is unreachable, within seconds', async () => {
    const started = performance.now();
    await expect(openStore('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toThrow(
      /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test: connection refused/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
