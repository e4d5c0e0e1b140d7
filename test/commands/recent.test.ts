// Subscribing is never met with silence: the recent articles that named what the channel now follows, on a real SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { type AlertMention, mentionToken } from '../../src/alerts/verdicts.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { storeWithHistory } from '../helpers/designation-history.ts';
import { GLOBAL_TENANT } from '../../src/tenant.ts';

let store: Store;
let ctx: CommandContext;
const DAY_MS = 86_400_000;

function mention(entityId: string, matched: string, title: string, daysAgo: number): AlertMention {
  const link = `https://news.example.org/${title.toLowerCase().replace(/\W+/g, '-')}`;
  return { token: mentionToken(entityId, matched, link), entityId, matched, articleLink: link, articleTitle: title, createdAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString() };
}

beforeAll(async () => {
  const held = await storeWithHistory();
  store = held.store;
  ctx = { catalog: held.catalog, store, platform: 'console', tenant: 'console', channelId: 'console', userId: 'console', canManage: true };
  const battalion = held.catalog.search('Rapid Action Battalion').hits[0]!.entity;
  const forgetBefore = new Date(Date.now() - 14 * DAY_MS).toISOString();
  await store.saveAlertMentions([
    mention('ofac-sdn-34079', 'Shohrat Zakir', 'Xinjiang officials sanctioned', 1),
    mention('ofac-sdn-34119', 'Erken Tuniyaz', 'Xinjiang officials sanctioned', 1),
    mention('ofac-sdn-34079', 'Zakir', 'An old story about Zakir', 5),
  ], { id: 1, tenant: GLOBAL_TENANT }, forgetBefore);
  // Read only by feeds two workspaces added from chat.
  await store.saveAlertMentions([mention(battalion.id, 'Rapid Action Battalion', 'Police unit in Bangladesh sanctioned', 1)], { id: 2, tenant: 'slack:T1' }, forgetBefore);
  await store.saveAlertMentions([mention('ofac-sdn-34079', 'Zakir', 'Zakir visits Urumqi', 1)], { id: 3, tenant: 'slack:T2' }, forgetBefore);
});
afterAll(async () => {
  await store.close();
  await sqlite.cleanup();
});

describe('subscribing', () => {
  it('shows the articles of the last days that named what the channel now follows, as read before, not new', async () => {
    const reply = await sanctions('subscribe country:China', ctx);
    expect(reply.text).toBe('This channel now follows country China (CN).');
    expect(reply.notes).toEqual([
      'Recent articles that named what it follows (read in the last 3 days, before it subscribed; new ones will alert):',
      '• “Xinjiang officials sanctioned” https://news.example.org/xinjiang-officials-sanctioned — TUNIYAZ, Erken, ZAKIR, Shohrat',
    ]);
  });

  it('shows nothing for what the channel followed already, nor where no recent article names it', async () => {
    expect((await sanctions('subscribe country:China', ctx)).notes).toEqual([]);
    expect((await sanctions('subscribe country:Iceland', ctx)).notes).toEqual([]);
  });

  it('leaves out what the channel muted', async () => {
    await store.addVerdict({ platform: 'console', channelId: 'console', entityId: 'ofac-sdn-34119', entityName: 'TUNIYAZ, Erken', matched: 'Erken Tuniyaz', normalized: 'erken tuniyaz', articleLink: null, articleTitle: 'x', userId: 'console', createdAt: new Date().toISOString() });
    const reply = await sanctions('subscribe entity:Erken Tuniyaz', ctx);
    expect(reply.notes).toEqual([]);
  });

  it('still confirms the subscription when the recent articles cannot be read', async () => {
    const failing: Store = { ...store, recentMentions: async () => { throw new Error('database is locked'); } };
    const reply = await sanctions('subscribe country:Cuba', { ...ctx, store: failing });
    expect([reply.text, reply.notes]).toEqual(['This channel now follows country Cuba (CU).', []]);
    expect((await store.subscriptions(ctx)).map((s) => s.value)).toContain('CU');
  });

  it("shows a workspace the operator's feeds' articles and its own feeds', never another workspace's", async () => {
    const first: CommandContext = { ...ctx, platform: 'slack', tenant: 'slack:T1', channelId: 'C1' };
    expect((await sanctions('subscribe entity:Rapid Action Battalion', first)).notes.slice(1)).toEqual([
      '• “Police unit in Bangladesh sanctioned” https://news.example.org/police-unit-in-bangladesh-sanctioned — RAPID ACTION BATTALION',
    ]);
    const zakirArticles = async (c: CommandContext) => (await sanctions('subscribe entity:Shohrat Zakir', c)).notes.slice(1);
    expect(await zakirArticles(first)).toEqual(['• “Xinjiang officials sanctioned” https://news.example.org/xinjiang-officials-sanctioned — ZAKIR, Shohrat']);
    expect(await zakirArticles({ ...ctx, platform: 'slack', tenant: 'slack:T2', channelId: 'C2' })).toEqual([
      '• “Zakir visits Urumqi” https://news.example.org/zakir-visits-urumqi — ZAKIR, Shohrat',
      '• “Xinjiang officials sanctioned” https://news.example.org/xinjiang-officials-sanctioned — ZAKIR, Shohrat',
    ]);
    expect((await sanctions('subscribe entity:Rapid Action Battalion', { ...ctx, platform: 'discord', tenant: 'discord:G3', channelId: 'D3' })).notes).toEqual([]);
  });
});
