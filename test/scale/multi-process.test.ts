// Scale-out end to end: real bot processes on one database poll real feed XML, the leader is killed (SIGKILL) mid-poll, another takes
// over, and every alert reaches the Slack and Discord stand-ins exactly once. Three processes on PostgreSQL (TEST_DATABASE_URL); on
// SQLite, the one process, killed and started again.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/discord/render.ts';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { loadConfig } from '../../src/config.ts';
import { BUNDLED_LISTS } from '../../src/designations/bundled.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import { FROM_CONFIG } from '../../src/feeds/feed.ts';
import { readFeed } from '../../src/feeds/poll.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type BotProcess, STARTUP_WAIT_MS, startBot, startBots, stopBots } from '../helpers/bot-processes.ts';
import { type Dialect, type TestDatabase, postgres, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const ARTICLES = [
  { path: '/scale-a.rss', file: 'us-hits-chinese-north-korean-firms.txt', title: 'US hits Chinese, North Korean firms with sanctions' },
  { path: '/scale-b.rss', file: 'new-sanctions-china-myanmar-bangladesh-north-korea.txt', title: 'New sanctions on China, Myanmar, Bangladesh, North Korea' },
];
const SLACK_CHANNELS = Array.from({ length: 6 }, (_, i) => `C0SCALE0${i + 1}`);
const DISCORD_CHANNELS = Array.from({ length: 6 }, (_, i) => `130000000000000000${i + 1}`);
const LEASE_SECONDS = 3;
const CLAIM_TIMEOUT_SECONDS = 15;
/** A dead leader's lease lapses, a renewal (a third of it) notices, the next tick (every second) polls; the rest is room for a loaded machine. */
const TAKEOVER_BOUND_MS = LEASE_SECONDS * 1000 + (LEASE_SECONDS * 1000) / 3 + 1000 + 6000;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 feed whose items are the paragraphs of a real article about the designations of 10 Dec 2021, published (again) today. */
function articleFeed(file: string, title: string, path: string): string {
  const text = readFileSync(new URL(`../fixtures/articles/${file}`, import.meta.url), 'utf8');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 60);
  const items = paragraphs.map(
    (p, i) => `<item><title>${escapeXml(`${title} (${i + 1})`)}</title><link>https://news.example.org${path.replace('.rss', '')}/${i + 1}</link>
      <guid>https://news.example.org${path.replace('.rss', '')}/${i + 1}</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${escapeXml(p)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Scale News</title><link>https://news.example.org/</link>
    <description>Test feed</description>${items.join('\n')}</channel></rss>`;
}

const CASES: { dialect: Dialect; processes: number }[] = [
  { dialect: postgres, processes: 3 },
  { dialect: sqlite, processes: 1 },
];

describe('settings for scale-out', () => {
  it('validates the poll schedule, the lease and the claim timeout', () => {
    expect(loadConfig({})).toMatchObject({ POLL_SCHEDULE: '* * * * *', LEADER_LEASE_SECONDS: 30, ALERT_CLAIM_TIMEOUT_SECONDS: 120 });
    expect(loadConfig({ POLL_SCHEDULE: '*/10 * * * * *', LEADER_LEASE_SECONDS: '2.5', ALERT_CLAIM_TIMEOUT_SECONDS: '15' })).toMatchObject({
      POLL_SCHEDULE: '*/10 * * * * *',
      LEADER_LEASE_SECONDS: 2.5,
      ALERT_CLAIM_TIMEOUT_SECONDS: 15,
    });
    expect(() => loadConfig({ POLL_SCHEDULE: 'every minute' })).toThrow(/POLL_SCHEDULE: expected a cron expression/);
    expect(() => loadConfig({ LEADER_LEASE_SECONDS: '0.5' })).toThrow(/LEADER_LEASE_SECONDS: expected a number of seconds, at least 1/);
    expect(() => loadConfig({ ALERT_CLAIM_TIMEOUT_SECONDS: '5' })).toThrow(/ALERT_CLAIM_TIMEOUT_SECONDS: expected a number of seconds, at least 15/);
  });
});

for (const { dialect, processes } of CASES) {
  describe.skipIf(!dialect.available)(`${processes} bot process${processes > 1 ? 'es' : ''} on ${dialect.name}`, () => {
    let slack: SlackApiStandIn;
    let discord: DiscordStandIn;
    let feeds: FeedServer;
    let db: TestDatabase;
    let store: Store;
    let expected: NewOutboxAlert[];
    const bots: BotProcess[] = [];
    /** When each request for each feed came in, by path. */
    const arrivals = new Map<string, number[]>(ARTICLES.map((a) => [a.path, []]));
    const requested = (times: number) => [...arrivals.values()].every((at) => at.length >= times);

    beforeAll(async () => {
      [slack, discord, feeds] = await Promise.all([startSlackApi(), startDiscordStandIn(), startFeedServer()]);
      // The platforms' pace: Slack about one message a second per channel, Discord five per five seconds.
      slack.enforcePostInterval(1000);
      discord.enforceChannelPace(5, 5000);
      db = dialect.fresh();
      store = await db.open();
      await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
      const now = new Date().toISOString();
      for (const [platform, channels] of [['slack', SLACK_CHANNELS], ['discord', DISCORD_CHANNELS]] as const) {
        for (const channelId of channels) {
          for (const value of ['KP', 'CN']) await store.addSubscription({ platform, channelId, kind: 'country', value, createdBy: 'U0SCALE', createdAt: now });
        }
      }
      // Configured feeds polled before, so that their items are news that alert (a feed's first poll only records what it holds).
      for (const { path, file, title } of ARTICLES) {
        feeds.put(path, articleFeed(file, title, path));
        const { feed } = await store.addFeed({ url: feeds.url(path), title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: now });
        await store.updateFeed(feed.id, { lastSuccessAt: now, nextPollAt: null });
      }
      // What one poll of each feed should send, by the real pipeline on the same lists and subscriptions.
      const catalog = await loadCatalog(store);
      const alertsFor = newsAlerts(store, catalog);
      expected = [];
      for (const feed of await store.feeds()) {
        const read = await readFeed(feed, { guard: anyAddress });
        if (read.kind === 'ok') expected.push(...(await alertsFor(feed, read.feed.items)));
      }
      // The leader's first request for each feed is held until long after the test: it is killed waiting on them.
      // Later requests are answered.
      feeds.delay((path) => {
        const at = arrivals.get(path);
        at?.push(Date.now());
        return at?.length === 1 ? 600_000 : 0;
      });
    });

    afterAll(async () => {
      await stopBots(bots);
      await store?.close();
      await Promise.all([slack?.close(), discord?.close(), feeds?.close()]);
      await dialect.cleanup();
    });

    const leaseHolder = async () => String((await db.query(`SELECT holder FROM leases WHERE name = 'leader'`))[0]?.holder ?? '');
    const settings = () => ({
      databaseUrl: db.url,
      slackApiUrl: slack.apiUrl,
      discordApiUrl: discord.url,
      feeds: ARTICLES.map((a) => feeds.url(a.path)),
      env: { POLL_SCHEDULE: '* * * * * *', LEADER_LEASE_SECONDS: String(LEASE_SECONDS), ALERT_CLAIM_TIMEOUT_SECONDS: String(CLAIM_TIMEOUT_SECONDS) },
    });

    it('takes over from a leader killed mid-poll, and delivers every alert exactly once', async () => {
      // Both articles name North Korean and Chinese designees: every channel has news from each feed.
      expect(expected.length).toBeGreaterThanOrEqual(2 * (SLACK_CHANNELS.length + DISCORD_CHANNELS.length));
      for (const channelId of [...SLACK_CHANNELS, ...DISCORD_CHANNELS]) {
        expect(expected.some((a) => a.channelId === channelId && (a.payload as Reply).text.includes('SEK STUDIO'))).toBe(true);
      }

      bots.push(...(await startBots(processes, settings())));
      const deadline = Date.now() + 30_000;
      while (!requested(1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requested(1), 'the leader polls both feeds').toBe(true);
      // Mid-poll: only the leader polls, so the process holding the lease is the one waiting on the feed.
      const holder = await leaseHolder();
      const killed = bots.find((b) => b.holder === holder);
      expect(killed, `the lease holder ${holder} is one of the bots`).toBeDefined();
      killed!.child.kill('SIGKILL');
      const killedAt = Date.now();
      expect((await killed!.exited).signal).toBe('SIGKILL');

      // The only process gone: it is started again, as a process manager would.
      let from = killedAt;
      if (bots.every((b) => b.child.exitCode !== null || b.child.signalCode !== null)) {
        const restarted = await startBot(settings());
        bots.push(restarted);
        await restarted.logged('discord interactions endpoint listening on /interactions');
        from = Date.now();
      }
      const polledAgain = Date.now() + TAKEOVER_BOUND_MS + 5000;
      while (!requested(2) && Date.now() < polledAgain) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requested(2), 'another process polls both feeds').toBe(true);
      expect(Math.max(...[...arrivals.values()].map((at) => at[1]!)) - from).toBeLessThan(TAKEOVER_BOUND_MS);
      const newHolder = await leaseHolder();
      expect(newHolder).not.toBe(holder);
      expect(bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null).map((b) => b.holder)).toContain(newHolder);

      // Everything sent: claims the dead process held are taken over once ALERT_CLAIM_TIMEOUT_SECONDS old.
      const sentBy = Date.now() + CLAIM_TIMEOUT_SECONDS * 1000 + 25_000;
      const outbox = () => db.query(`SELECT dedupe_key, status FROM outbox`);
      while (Date.now() < sentBy) {
        const rows = await outbox();
        if (rows.length >= expected.length && rows.every((r) => r.status === 'sent')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const rows = await outbox();
      expect(rows.map((r) => String(r.dedupe_key)).sort()).toEqual(expected.map((a) => a.dedupeKey).sort());
      expect(rows.filter((r) => r.status !== 'sent'), bots.map((b) => b.output()).join('\n')).toEqual([]);

      // Slack: each alert's dedupe key (its message metadata) in exactly one message.
      const slackKeys = slack.posted.map((m) => String(m.metadata?.event_payload.dedupe_key));
      expect(slackKeys.sort()).toEqual(expected.filter((a) => a.platform === 'slack').map((a) => a.dedupeKey).sort());
      // Discord: each channel holds exactly the messages its alerts render to, each once.
      for (const channelId of DISCORD_CHANNELS) {
        const shown = discord.messages.filter((m) => m.channelId === channelId).map(({ body: { nonce: _, enforce_nonce: __, ...message } }) => JSON.stringify(message));
        const wanted = expected.filter((a) => a.channelId === channelId).map((a) => JSON.stringify(renderReply(a.payload as Reply)));
        expect(shown.sort()).toEqual(wanted.sort());
      }

      // Each feed polled once by the killed leader and once by the new one: no other process polled meanwhile.
      expect([...arrivals.values()].map((at) => at.length)).toEqual(ARTICLES.map(() => 2));

      // A clean stop gives the leases up at once: only the killed process's membership is left, to lapse.
      await stopBots(bots);
      expect(bots.filter((b) => b !== killed).map((b) => b.child.exitCode)).toEqual(bots.filter((b) => b !== killed).map(() => 0));
      expect(await db.query('SELECT name FROM leases')).toEqual([{ name: `sender:${killed!.holder}` }]);
    }, STARTUP_WAIT_MS + 120_000);
  });
}

describe.skipIf(!postgres.available)('processes started together on an empty PostgreSQL database', () => {
  afterAll(() => postgres.cleanup());

  it('import the bundled lists once, in one of them, and all start', async () => {
    const [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
    const feeds = await startFeedServer();
    const db = postgres.fresh();
    // A lease long enough to outlast a loaded machine's import steps: this test is about one import, not takeover.
    const env = { LEADER_LEASE_SECONDS: '15' };
    const started = await startBots(3, { databaseUrl: db.url, slackApiUrl: slack.apiUrl, discordApiUrl: discord.url, feeds: [feeds.url('/fixtures/heise.atom')], env });
    try {
      const importers = started.filter((b) => b.output().includes('"msg":"imported bundled list'));
      expect(importers, started.map((b) => b.output()).join('\n')).toHaveLength(1);
      expect(importers[0]!.output().match(/"msg":"imported bundled list/g)).toHaveLength(BUNDLED_LISTS.length);
      const loaded = started.map((b) => Number(/"entities":(\d+),"msg":"designations loaded"/.exec(b.output())?.[1]));
      expect(new Set(loaded).size).toBe(1);
      expect(loaded[0]).toBeGreaterThan(10_000);
    } finally {
      await stopBots(started);
      await Promise.all([slack.close(), discord.close(), feeds.close()]);
    }
  }, STARTUP_WAIT_MS + 120_000);
});
