// `/sanctions status` on a real SQLite store: a real OFAC list, feeds in each state, alerts waiting in the outbox.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import { parseRequest } from '../../commands/request.ts';
import { sanctions } from '../../commands/sanctions.ts';
import { MAX_FEEDS_SHOWN, status } from '../../commands/status.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import { FROM_CONFIG } from '../../src/feeds/feed.ts';
import type { Card, Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { SDN_2021_12_10 } from '../helpers/designation-history.ts';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
const SECRET_URL = 'https://intranet.example.org/feeds/press.xml?token=s3cret';
let store: Store;
let manager: CommandContext;
let member: CommandContext;

beforeAll(async () => {
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10', now: new Date('2021-12-11T08:00:00.000Z') });
  const settings = { allowPrivateFeeds: false, feedIntervalMinutes: 5, listRefreshCron: '0 6 * * *' };
  manager = { catalog: await loadCatalog(store), store, settings, platform: 'slack', tenant: 'slack:T1', channelId: 'C1', userId: 'U1', canManage: true };
  member = { ...manager, userId: 'U2', canManage: false };

  const added = (url: string, title: string | null, addedBy = 'U1') =>
    store.addFeed({ url, title, addedBy, addedInChannel: addedBy === FROM_CONFIG ? FROM_CONFIG : 'slack:C1', createdAt: '2021-12-01T00:00:00.000Z' });
  const ok = await added('https://news.example.org/world.rss', 'World news', FROM_CONFIG);
  await store.updateFeed(ok.feed.id, { lastSuccessAt: '2021-12-10T12:00:00.000Z', nextPollAt: '2021-12-10T12:05:00.000Z' });
  const failing = await added(SECRET_URL, 'Ministry press');
  await store.updateFeed(failing.feed.id, { status: 'failing', failures: 2, lastError: 'HTTP 503 from 10.0.0.7', nextPollAt: '2021-12-10T12:20:00.000Z' });
  const disabled = await added('https://gone.example.org/feed.xml', null);
  await store.updateFeed(disabled.feed.id, { status: 'disabled', failures: 10, lastError: 'host not found' });

  const alert = (n: number) => ({ platform: 'slack', channelId: 'C1', dedupeKey: `status-test-${n}`, payload: { text: `alert ${n}`, cards: [], notes: [], ephemeral: false } });
  await store.enqueueAlerts([alert(1)], '2021-12-10T12:00:00.000Z');
  await store.enqueueAlerts([alert(2)], '2021-12-10T12:10:00.000Z');
});
afterAll(async () => {
  await store.close();
  await sqlite.cleanup();
});

const card = (reply: Reply, title: string): Card => reply.cards.find((c) => c.title === title)!;
const lines = (c: Card) => c.fields.map((f) => `${f.label}: ${f.value}`);
const NOW = new Date('2021-12-10T12:30:00.000Z');

/** The next 06:00 in the process's time zone (node-cron's reading of `0 6 * * *`), as replies write times. */
function nextSixOClock(): string {
  const next = new Date();
  next.setHours(6, 0, 0, 0);
  if (next <= new Date()) next.setDate(next.getDate() + 1);
  return `${next.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

describe('/sanctions status', () => {
  it('is parsed from the text', () => {
    expect(parseRequest('status')).toEqual({ kind: 'status' });
    expect(parseRequest('Status')).toEqual({ kind: 'status' });
  });

  it('shows each list with its version, entity count, source and refreshes', async () => {
    const reply = await status(manager, NOW);
    const [version] = await store.listVersions();
    expect(reply.ephemeral).toBe(true);
    expect(reply.cards.map((c) => c.title)).toEqual(['Lists', 'News feeds', 'Alert outbox']);
    expect(lines(card(reply, 'Lists'))).toEqual([
      `OFAC SDN List: version of 2021-12-10, ${version!.entityCount.toLocaleString('en-US')} entities; from ${SDN_2021_12_10}; imported 2021-12-11 08:00 UTC, next refresh ${nextSixOClock()}`,
    ]);
    expect(version!.entityCount).toBeGreaterThan(9000);
  });

  it('shows each feed as ok, failing or disabled, with its last success and next poll', async () => {
    const feeds = card(await status(manager, NOW), 'News feeds');
    expect(feeds.subtitle).toBe('1 ok, 1 failing, 1 disabled');
    expect(lines(feeds)).toEqual([
      'World news (https://news.example.org/world.rss): ok, last read 2021-12-10 12:00 UTC, next 2021-12-10 12:05 UTC',
      `Ministry press (${SECRET_URL}): failing (2 failures in a row: HTTP 503 from 10.0.0.7), never read yet, next 2021-12-10 12:20 UTC`,
      'https://gone.example.org/feed.xml: disabled after 10 failures in a row (host not found), never read yet; adding it again retries it',
    ]);
  });

  it('shows how many alerts wait and since when, and the bot version', async () => {
    const reply = await status(manager, NOW);
    expect(lines(card(reply, 'Alert outbox'))).toEqual(['Waiting to be sent: 2 alerts', 'Oldest waiting since: 2021-12-10 12:00 UTC (30 min ago)']);
    expect(reply.notes).toEqual([`sanctions-bot version ${VERSION}`]);
    expect(reply.text).toBe(`sanctions-bot ${VERSION}; 1 list with ${card(reply, 'Lists').fields[0]!.value.match(/([\d,]+) entities/)![1]} entities; 3 feeds (2 failing or disabled); 2 alerts waiting`);
  });

  it('keeps what reveals the configuration (paths, feed URLs, errors) for members who may manage the channel', async () => {
    const reply = await sanctions('status', member);
    const shown = JSON.stringify(reply);
    for (const secret of [SDN_2021_12_10, 'intranet.example.org', 's3cret', 'news.example.org', 'gone.example.org', '10.0.0.7', 'HTTP 503', 'host not found']) {
      expect(shown).not.toContain(secret);
    }
    expect(card(reply, 'Lists').fields[0]!.value).toContain('from sdn.csv;');
    expect(lines(card(reply, 'News feeds'))).toEqual([
      'World news: ok, last read 2021-12-10 12:00 UTC, next 2021-12-10 12:05 UTC',
      'Ministry press: failing (2 failures in a row), never read yet, next 2021-12-10 12:20 UTC',
      expect.stringMatching(/^untitled feed \d+: disabled after 10 failures in a row, never read yet/),
    ]);
  });

  it('says when no refresh is scheduled', async () => {
    const unscheduled = await status({ ...manager, settings: undefined }, NOW);
    expect(card(unscheduled, 'Lists').fields[0]!.value).toMatch(/, next refresh not scheduled$/);
  });

  it('lists at most a screenful of feeds and counts the rest', async () => {
    for (let i = 0; i < MAX_FEEDS_SHOWN; i++) {
      await store.addFeed({ url: `https://many.example.org/${i}.xml`, title: `Feed ${i}`, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: '2021-12-02T00:00:00.000Z' });
    }
    const feeds = card(await status(member, NOW), 'News feeds');
    expect(feeds.fields).toHaveLength(MAX_FEEDS_SHOWN + 1);
    expect(feeds.fields.at(-1)).toEqual({ label: 'and 3 more feeds', value: '/sanctions feeds lists every feed' });
  });
});

describe('/sanctions status with nothing there yet', () => {
  it('says so for the lists, the feeds and the outbox', async () => {
    const empty = await sqlite.fresh().open();
    try {
      const reply = await status({ ...member, store: empty }, NOW);
      expect(reply.cards.map((c) => [c.title, c.subtitle ?? null, lines(c)])).toEqual([
        ['Lists', 'No list imported yet.', []],
        ['News feeds', 'The bot polls no feeds.', []],
        ['Alert outbox', null, ['Waiting to be sent: none']],
      ]);
    } finally {
      await empty.close();
    }
  });
});
