// PostgreSQL stopped and started under the bot, as it sees it (a TCP proxy the test cuts and restores; the shared server is never touched):
// at start it waits, mid-run lookups go on from memory, the sender and the poller retry, and nothing is lost or doubled.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { startSender } from '../../src/alerts/sender.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { parseFeed } from '../../src/feeds/parse.ts';
import { startPoller } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { freePort, startBot } from '../helpers/bot-process.ts';
import { type TestDatabase, postgres, withPassword } from '../helpers/databases.ts';
import { type FeedServer, fixture, startFeedServer } from '../helpers/feed-server.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';
import { type TcpProxy, startTcpProxy } from '../helpers/tcp-proxy.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const SIGNING_SECRET = randomBytes(16).toString('hex');
const MANAGER = 'UDBMANAGER';
const DB_PASSWORD = 'pg-pass-do-not-log-7d1e';

let slack: SlackApiStandIn;
let feeds: FeedServer;

beforeAll(async () => {
  [slack, feeds] = await Promise.all([startSlackApi(), startFeedServer()]);
});
afterAll(async () => {
  await Promise.all([slack.close(), feeds.close()]);
  if (postgres.available) await postgres.cleanup();
});

/** The Guardian's real feed without its newest `n` items. */
function guardianWithoutNewest(n: number): string {
  let xml = fixture('guardian.rss').toString('utf8');
  for (let i = 0; i < n; i++) xml = xml.replace(/<item>[\s\S]*?<\/item>/, '');
  return xml;
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // The database may be out of reach while this is asked.
    }
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

describe('PostgreSQL out of reach at start', () => {
  it('is tried again for as long as asked, then given up with a message naming the server and not the password', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 9 });
    await proxy.cut();
    const started = performance.now();
    const opening = openStore(`postgres://bot:${DB_PASSWORD}@127.0.0.1:${proxy.port}/sanctions`, { connectWithinMs: 1500 });
    const error = await opening.then(() => null, (err: Error) => err);
    expect(error?.message).toMatch(new RegExp(`^Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${proxy.port}/sanctions \\(tried for [12] s\\): connection refused`));
    expect(error?.message).not.toContain(DB_PASSWORD);
    // Three tries at least: 0, 0.5 and 1.5 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
    await proxy.close();
  });
});

describe.runIf(postgres.available)('PostgreSQL stopped and started under the running bot', () => {
  let proxy: TcpProxy;
  let db: TestDatabase;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    db = postgres.fresh();
    // A list in the database already, so that the bot does not spend its start importing the bundled ones.
    const seeding = await db.open();
    await importList(seeding, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
    await seeding.close();
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('waits for the database at start, answers lookups while it is gone, and changes nothing until it is back', async () => {
    const { url, password } = withPassword(proxy.via(db.url));
    await proxy.cut();
    const bot = startBot({
      DATABASE_URL: url,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-database-fault-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: String(await freePort()),
      SLACK_MANAGER_IDS: MANAGER,
      FEEDS: feeds.url('/fixtures/rss-1.rss'),
      POLL_SCHEDULE: '* * * * * *',
    });
    try {
      await bot.waitFor(/cannot be reached yet; trying again/, 20_000);
      await sleep(1000);
      expect(bot.child.exitCode).toBeNull();
      await proxy.restore();
      const [, port] = await bot.waitFor(/"port":(\d+)[^\n]*listening for Slack requests/, 30_000);
      const command = async (text: string, user = 'UDBMEMBER') => {
        const body = slashCommandBody({ text, user_id: user, channel_id: 'CDBFAULT', response_url: slack.responseUrl(`db-${Date.now()}`) });
        const res = await postToSlackApp(`http://127.0.0.1:${port}/slack/events`, body, { secret: SIGNING_SECRET });
        expect(res.status).toBe(200);
        return JSON.parse(res.body) as { text: string };
      };
      expect((await command('SEK Studio')).text).toContain('SEK STUDIO');
      // Started through to the poller (its first poll) before the database goes again.
      await until(() => feeds.requests.some((r) => r.path === '/fixtures/rss-1.rss'), 10_000, 'the configured feed polled');

      await proxy.cut();
      // From memory, as before.
      expect((await command('SEK Studio')).text).toContain('SEK STUDIO');
      expect((await command('Ri Yong-gil')).text).toContain('RI, Yong Gil');
      // What needs the database is refused plainly, and nothing is half done.
      expect((await command('subscribe country:North Korea', MANAGER)).text).toMatch(/^Something went wrong/);
      await sleep(1500);
      expect(bot.child.exitCode).toBeNull();

      await proxy.restore();
      await until(async () => /now follows country North Korea/.test((await command('subscribe country:North Korea', MANAGER)).text), 15_000, 'the subscription taken once the database is back');
      expect(await db.query(`SELECT kind, value FROM subscriptions WHERE channel_id = 'CDBFAULT'`)).toEqual([{ kind: 'country', value: 'KP' }]);

      expect(await bot.stop()).toEqual({ code: 0, signal: null });
      expect(bot.output()).not.toMatch(/unhandled|uncaught/i);
      expect(bot.output()).not.toContain(password);
    } finally {
      await bot.stop();
      await proxy.restore();
    }
  }, 90_000);

  it('delivers every alert once after an outage that struck mid-delivery and mid-poll', async () => {
    const store: Store = await openStore(proxy.via(db.url));
    const catalog = await loadCatalog(store);
    const lookups = () => catalog.search('SEK Studio', { limit: 1 }).hits[0]?.entity.name;
    feeds.put('/db-news', guardianWithoutNewest(3));
    await store.addFeed({ url: feeds.url('/db-news'), title: null, addedBy: 'UFEED', addedInChannel: 'slack:CDBNEWS', createdAt: new Date().toISOString() });

    const alertEveryItem = async (_feed: Feed, items: FeedItem[]) =>
      items.map((i) => ({ platform: 'slack', channelId: 'CDBNEWS', dedupeKey: `slack:CDBNEWS:${i.key}`, payload: { text: i.title, cards: [], notes: [], ephemeral: false } }));
    // Every second, each feed due again a second after its last poll.
    const poller = startPoller({ store, process: alertEveryItem, fetchOptions: () => ({ guard: anyAddress, timeoutMs: 2000 }), intervalMinutes: 1 / 60, schedule: '* * * * * *' });
    const sender = startSender({
    limits: PLATFORM_LIMITS,
      store,
      transports: { slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-database-fault-test', SLACK_API_URL: slack.apiUrl })) },
      worker: 'database-fault-test',
      pollMs: 50,
      staleAfterMs: 3000,
      retry: { baseMs: 200 },
    });
    const posted = () => slack.posted.filter((m) => m.channel === 'CDBNEWS');
    try {
      await until(async () => (await store.feeds())[0]!.lastSuccessAt !== null, 15_000, 'the first poll recorded');
      feeds.put('/db-news', guardianWithoutNewest(2));
      await until(() => posted().length === 1, 15_000, 'the first new article alerted');

      // The next alert reaches Slack, and the database goes before the sender can record it as sent.
      // Answered late, so that the database is surely gone before the sender hears Slack took it.
      slack.delay('/api/chat.postMessage', 1500);
      const before = slack.callsTo('/api/chat.postMessage').filter((c) => c.accepted).length;
      feeds.put('/db-news', guardianWithoutNewest(1));
      await slack.waitForAccepted('/api/chat.postMessage', 15_000, before + 1);
      await proxy.cut();
      slack.delay('/api/chat.postMessage', 0);
      // Published while the database is gone: the poller's ticks fail (they start by reading the feeds), and go on.
      feeds.put('/db-news', guardianWithoutNewest(0));
      await sleep(3000);
      expect(lookups()).toBe('SEK STUDIO');
      await expect(store.outboxDepth()).rejects.toThrow();

      await proxy.restore();
      await until(async () => posted().length >= 3 && (await store.outboxDepth()).pending === 0, 30_000, 'every alert delivered after the outage');
      await sendAll(store, sender, 5000);
    } finally {
      slack.delay('/api/chat.postMessage', 0);
      await poller.stop();
      await sender.stop();
      await store.close();
    }

    const { items } = await parseFeed(fixture('guardian.rss'), 'application/rss+xml', feeds.url('/db-news'));
    const newest = items.slice(0, 3).map((i) => `slack:CDBNEWS:${i.key}`).reverse();
    expect(posted().map((m) => m.metadata?.event_payload.dedupe_key)).toEqual(newest);
    const rows = await db.query(`SELECT dedupe_key, status FROM outbox WHERE channel_id = 'CDBNEWS' ORDER BY id`);
    expect(rows.map((r) => [r.dedupe_key, r.status])).toEqual(newest.map((key) => [key, 'sent']));
    // The alert posted before the outage was looked for in the channel's history, found, and not posted again.
    expect(slack.callsTo('/api/conversations.history').filter((c) => c.body.channel === 'CDBNEWS').length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
