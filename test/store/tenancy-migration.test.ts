// Migrations 0006 and 0010 on databases without them, holding rows from before: each channel's rows stay its own, then its tenant's; no mention of unknown origin is shown.
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { feedReaches } from '../../src/tenant.ts';
import { dialects } from '../helpers/databases.ts';
import { databaseBefore } from '../helpers/migrations.ts';

/** Rows as a bot before tenancy stored them: a feed added from a Slack channel, a configured one, two channels' subscriptions. */
const OLD_ROWS = [
  `INSERT INTO feeds (url, title, added_by, added_in_channel, created_at) VALUES ('https://wire.example/rss', 'Wire', 'U1', 'slack:CLEGACY', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO feeds (url, title, added_by, added_in_channel, created_at) VALUES ('https://ofac.example/rss', 'OFAC', 'config', 'config', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO subscriptions (platform, channel_id, kind, value, created_by, created_at) VALUES ('slack', 'CLEGACY', 'country', 'KP', 'U1', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO subscriptions (platform, channel_id, kind, value, created_by, created_at) VALUES ('discord', '1300000000000000999', 'country', 'KP', 'U2', '2026-01-01T00:00:00.000Z')`,
];

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`migrations 0006 (tenancy) and 0010 (whose feed read a mention) on ${dialect.name}`, () => {
    it("gives a channel's old feeds and subscriptions to the channel alone, the configured feeds to all, then to the tenant a command names", async () => {
      const db = dialect.fresh();
      await databaseBefore(db, dialect.name, '0006_tenancy', OLD_ROWS);
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

    it('keeps the mentions stored before 0010 for "Not this entity", and shows them to no tenant as recent, not knowing whose feed read them', async () => {
      const db = dialect.fresh();
      const row = (token: string, title: string) =>
        `INSERT INTO alert_mentions (token, entity_id, matched, article_link, article_title, created_at) VALUES ('${token}', 'ofac-sdn-34022', 'SEK Studio', 'https://news.example/${token}', '${title}', '${new Date().toISOString()}')`;
      await databaseBefore(db, dialect.name, '0010_mention_tenants', [row('tok-old', 'Read by some feed'), row('tok-both', 'Read again after 0010')]);
      const store = await db.open();
      try {
        expect(await store.alertMention('tok-old')).toMatchObject({ entityId: 'ofac-sdn-34022', articleTitle: 'Read by some feed' });
        const since = new Date(Date.now() - 86_400_000).toISOString();
        expect(await store.recentMentions('slack:T1', since, 10)).toEqual([]);
        // An operator's feed reads the article again: its mention is stored anew, as the operator's.
        const again = (await store.alertMention('tok-both'))!;
        await store.saveAlertMentions([{ ...again, createdAt: new Date().toISOString() }], { id: 7, tenant: 'global' }, since);
        expect((await store.recentMentions('slack:T1', since, 10)).map((m) => m.token)).toEqual(['tok-both']);
        expect(await db.query("SELECT token, tenant, feed_id FROM alert_mentions ORDER BY token, coalesce(tenant, '')")).toEqual([
          { token: 'tok-both', tenant: null, feed_id: null },
          { token: 'tok-both', tenant: 'global', feed_id: 7 },
          { token: 'tok-old', tenant: null, feed_id: null },
        ]);
      } finally {
        await store.close();
      }
    });
    afterAll(() => dialect.cleanup());
  });
}
