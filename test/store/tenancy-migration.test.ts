// Migration 0006 on a SQLite database of 0005 holding rows from before tenancy: each channel's rows stay its own, then its tenant's.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { openStore } from '../../src/store/open.ts';
import { feedReaches } from '../../src/tenant.ts';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenancy-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations up to 0005, as a database made before tenancy had them applied. */
function migrationsBeforeTenancy(): string {
  const folder = join(dir, 'migrations-0005');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 5);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) cpSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`));
  return folder;
}

describe('migration 0006 (tenancy)', () => {
  it("gives a channel's old feeds and subscriptions to the channel alone, the configured feeds to all, then to the tenant a command names", async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBeforeTenancy() });
    const feed = old.prepare('INSERT INTO feeds (url, title, added_by, added_in_channel, created_at) VALUES (?, ?, ?, ?, ?)');
    feed.run('https://wire.example/rss', 'Wire', 'U1', 'slack:CLEGACY', '2026-01-01T00:00:00.000Z');
    feed.run('https://ofac.example/rss', 'OFAC', 'config', 'config', '2026-01-01T00:00:00.000Z');
    const subscription = old.prepare('INSERT INTO subscriptions (platform, channel_id, kind, value, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    subscription.run('slack', 'CLEGACY', 'country', 'KP', 'U1', '2026-01-01T00:00:00.000Z');
    subscription.run('discord', '1300000000000000999', 'country', 'KP', 'U2', '2026-01-01T00:00:00.000Z');
    old.close();

    const store = await openStore(`file:${path}`);
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
});
