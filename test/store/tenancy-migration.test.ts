// Migration 0006 on a database without it, holding rows from before tenancy: each channel's rows stay its own, then its tenant's.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { feedReaches } from '../../src/tenant.ts';
import { type TestDatabase, dialects } from '../helpers/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'tenancy-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A dialect's migrations but 0006, as a database made before tenancy had them applied (0007 and 0009 came from
 * other work at the same time: 0006, dated after them, is still applied to a database that has them).
 */
function migrationsBeforeTenancy(dialect: 'sqlite' | 'pg'): string {
  const all = fileURLToPath(new URL(`../../migrations/${dialect}`, import.meta.url));
  const folder = join(dir, `${dialect}-before-0006`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag !== '0006_tenancy');
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) cpSync(join(all, `${tag}.sql`), join(folder, `${tag}.sql`));
  return folder;
}

/** Rows as a bot before tenancy stored them: a feed added from a Slack channel, a configured one, two channels' subscriptions. */
const OLD_ROWS = [
  `INSERT INTO feeds (url, title, added_by, added_in_channel, created_at) VALUES ('https://wire.example/rss', 'Wire', 'U1', 'slack:CLEGACY', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO feeds (url, title, added_by, added_in_channel, created_at) VALUES ('https://ofac.example/rss', 'OFAC', 'config', 'config', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO subscriptions (platform, channel_id, kind, value, created_by, created_at) VALUES ('slack', 'CLEGACY', 'country', 'KP', 'U1', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO subscriptions (platform, channel_id, kind, value, created_by, created_at) VALUES ('discord', '1300000000000000999', 'country', 'KP', 'U2', '2026-01-01T00:00:00.000Z')`,
];

/** `db` migrated but for 0006, holding OLD_ROWS. */
async function databaseBeforeTenancy(db: TestDatabase, dialect: string): Promise<void> {
  if (dialect === 'sqlite') {
    const path = db.url.slice('file:'.length);
    mkdirSync(dirname(path), { recursive: true });
    const client = new Database(path);
    migrateSqlite(drizzleSqlite({ client }), { migrationsFolder: migrationsBeforeTenancy('sqlite') });
    for (const row of OLD_ROWS) client.exec(row);
    client.close();
    return;
  }
  const schema = new URL(db.url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: db.url.replace(/\?.*$/, ''), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await migratePg(drizzlePg({ client }), { migrationsFolder: migrationsBeforeTenancy('pg'), migrationsSchema: schema });
    for (const row of OLD_ROWS) await client.query(row);
  } finally {
    await client.end();
  }
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`migration 0006 (tenancy) on ${dialect.name}`, () => {
    it("gives a channel's old feeds and subscriptions to the channel alone, the configured feeds to all, then to the tenant a command names", async () => {
      const db = dialect.fresh();
      await databaseBeforeTenancy(db, dialect.name);
      const store = await db.open();
      try {
        const [wire, ofac] = await store.feeds();
        expect([wire!.tenant, ofac!.tenant]).toEqual(['channel:slack:CLEGACY', 'global']);
        const [own, other] = await store.subscriptions();
        expect([own!.tenant, other!.tenant]).toEqual(['channel:slack:CLEGACY', 'channel:discord:1300000000000000999']);
        // The old chat feed alerts the channel that added it, and no other; the configured one alerts both.
        expect([feedReaches(wire!, own!.tenant), feedReaches(wire!, other!.tenant), feedReaches(ofac!, other!.tenant)]).toEqual([true, false, true]);

        const ctx: CommandContext = { catalog: await loadCatalog(store), store, platform: 'slack', tenant: 'slack:T0LEGACY', channelId: 'CLEGACY', userId: 'U1', canManage: true };
        // Another workspace's command adopts nothing of this channel's.
        expect((await sanctions('feeds', { ...ctx, tenant: 'slack:T0OTHER', channelId: 'COTHER' })).notes.join()).not.toContain('wire.example');
        expect((await sanctions('feeds', ctx)).notes.join()).toContain('Wire (https://wire.example/rss)');
        expect((await store.feeds()).map((f) => f.tenant)).toEqual(['slack:T0LEGACY', 'global']);
        expect((await store.subscriptions()).map((s) => s.tenant)).toEqual(['slack:T0LEGACY', 'channel:discord:1300000000000000999']);
        expect((await sanctions('feeds remove https://wire.example/rss', ctx)).text).toBe('The bot no longer polls Wire (https://wire.example/rss).');
      } finally {
        await store.close();
      }
    });
    afterAll(() => dialect.cleanup());
  });
}
