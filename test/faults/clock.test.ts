// Wall-clock jumps under the sender and the poller (their injected clocks jump, as a wrong NTP step or a corrected RTC does), on SQLite and PostgreSQL: nothing is sent twice, nothing waits out the jump.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type SenderOptions, startSender } from '../../src/alerts/sender.ts';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, dialects } from '../helpers/databases.ts';
import { type FeedServer, fixture, startFeedServer } from '../helpers/feed-server.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const DAY_MS = 24 * 60 * 60_000;

let slack: SlackApiStandIn;
let feeds: FeedServer;
let db: TestDatabase;
let store: Store;
/** How far the wall clock under test is from the real one. */
let offset: number;
const clock = () => Date.now() + offset;
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const dialect of dialects) if (dialect.available) await dialect.cleanup();
});

function sender(options: Partial<SenderOptions> = {}) {
  const running = startSender({
    limits: PLATFORM_LIMITS,
    store,
    transports: { slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-clock-test', SLACK_API_URL: slack.apiUrl })) },
    worker: 'clock-test',
    pollMs: 20,
    now: clock,
    ...options,
  });
  stops.push(running.stop);
  return running;
}

const alert = (channelId: string, n: number): NewOutboxAlert => ({
  platform: 'slack',
  channelId,
  dedupeKey: `slack:${channelId}:clock:${n}`,
  payload: { text: `alert ${n}`, cards: [], notes: [], ephemeral: false },
});
const queue = (...alerts: NewOutboxAlert[]) => store.enqueueAlerts(alerts, new Date(clock()).toISOString());
const texts = (channel: string) => slack.posted.filter((m) => m.channel === channel).map((m) => m.text);
const rows = (channel: string) => db.query(`SELECT status, attempts FROM outbox WHERE channel_id = '${channel}' ORDER BY id`);

/** Resolves once `condition` holds, or fails after `ms`. */
async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(10);
  }
}

for (const dialect of dialects) {
  describe.runIf(dialect.available)(`on ${dialect.name}`, () => {
    // Fresh stand-ins for each dialect: what they recorded is this run's only.
    beforeAll(async () => {
      [slack, feeds] = await Promise.all([startSlackApi(), startFeedServer()]);
      // Several repeats here look at a channel's history within a minute: an app outside the Marketplace waits a
      // minute between looks (test/adapters/platform-limits.test.ts), which is no part of what a clock jump does.
      slack.marketplaceApp(true);
    });
    afterAll(async () => {
      await Promise.all([slack.close(), feeds.close()]);
    });
    beforeEach(async () => {
      offset = 0;
      db = dialect.fresh();
      store = await db.open();
    });
    afterEach(async () => {
      for (const stop of stops.splice(0)) await stop();
      await store.close();
    });

    describe('the sender when the clock goes back a day', () => {
      it('still sends the channel its next alert at once, not a day later', async () => {
        const running = sender();
        await queue(alert('CBACK1', 1));
        await sendAll(store, running, 5000);
        // The platform's one-a-second pace is long past: only the jump could hold the next alert.
        await sleep(1100);
        offset = -DAY_MS;
        await queue(alert('CBACK1', 2));
        await until(() => texts('CBACK1').length === 2, 3000, 'the second alert posted');
        expect(texts('CBACK1')).toEqual(['alert 1', 'alert 2']);
      });

      it('retries an alert whose backoff was set before the jump, without waiting out the day', async () => {
        slack.fail('/api/chat.postMessage', 500, 1);
        // The real policy's first wait is 5 s; the clock goes back while the alert waits it out.
        const running = sender({ retry: { baseMs: 1000 } });
        await queue(alert('CBACK2', 1));
        const failed = () => slack.callsTo('/api/chat.postMessage').some((c) => c.body.channel === 'CBACK2' && c.status === 500);
        await until(async () => failed() && (await rows('CBACK2'))[0]!.status === 'pending', 3000, 'the first attempt failed');
        offset = -DAY_MS;
        await sendAll(store, running, 5000);
        expect(texts('CBACK2')).toEqual(['alert 1']);
        expect(await rows('CBACK2')).toEqual([{ status: 'sent', attempts: 2 }]);
      });

      it("takes over the claim of a sender that died before the jump, and posts its alert once", async () => {
        // A sender claimed it and posted it, then its process died; then the clock went back.
        await queue(alert('CBACK3', 1));
        const [claimed] = await store.claimAlerts('died', 1, new Date(clock()).toISOString(), new Date(clock() - 120_000).toISOString());
        const post = slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-clock-test', SLACK_API_URL: slack.apiUrl }));
        expect(await post('CBACK3', claimed!.payload as never, { dedupeKey: claimed!.dedupeKey, repeat: false, queuedAt: claimed!.createdAt })).toEqual({ ok: true });
        offset = -DAY_MS;
        await sendAll(store, sender({ staleAfterMs: 1000 }), 5000);
        expect(texts('CBACK3')).toEqual(['alert 1']);
        expect(slack.callsTo('/api/conversations.history').filter((c) => c.body.channel === 'CBACK3')).toHaveLength(1);
      });
    });

    describe('the sender when the clock jumps forward a day', () => {
      it('does not post an alert again that it is still posting', async () => {
        slack.delay('/api/chat.postMessage', 1500);
        try {
          const running = sender({ staleAfterMs: 1000 });
          await queue(alert('CFWD1', 1), alert('CFWD1', 2));
          await slack.waitForAccepted('/api/chat.postMessage');
          // Its own claim now looks a day old: taken for a dead sender's.
          offset = DAY_MS;
          await sendAll(store, running, 10_000);
        } finally {
          slack.delay('/api/chat.postMessage', 0);
        }
        expect(texts('CFWD1')).toEqual(['alert 1', 'alert 2']);
        expect(slack.callsTo('/api/chat.postMessage').filter((c) => c.body.channel === 'CFWD1')).toHaveLength(2);
        // It never took its own alert for a dead sender's: nothing to look for in the channel's history.
        expect(slack.callsTo('/api/conversations.history').filter((c) => c.body.channel === 'CFWD1')).toEqual([]);
        expect((await rows('CFWD1')).map((r) => r.status)).toEqual(['sent', 'sent']);
      });

      it('lets another sender take over a claim that only looks stale, and the alert shows once', async () => {
        slack.delay('/api/chat.postMessage', 1500);
        try {
          const before = slack.callsTo('/api/chat.postMessage').filter((c) => c.accepted).length;
          const first = sender({ worker: 'first', staleAfterMs: 1000 });
          await queue(alert('CFWD2', 1));
          await slack.waitForAccepted('/api/chat.postMessage', 5000, before + 1);
          // A second process whose clock is a day ahead: the first one's claim looks a day old to it.
          const ahead = startSender({ limits: PLATFORM_LIMITS, ...senderDefaults(), worker: 'ahead', staleAfterMs: 1000, now: () => Date.now() + DAY_MS });
          stops.push(ahead.stop);
          await sendAll(store, ahead, 10_000);
          await sendAll(store, first, 10_000);
        } finally {
          slack.delay('/api/chat.postMessage', 0);
        }
        expect(texts('CFWD2')).toEqual(['alert 1']);
        // Taken over, looked for in the channel's history, found there: not posted again.
        expect(slack.callsTo('/api/conversations.history').filter((c) => c.body.channel === 'CFWD2')).toHaveLength(1);
        expect((await rows('CFWD2')).map((r) => r.status)).toEqual(['sent']);
      });
    });

    function senderDefaults(): SenderOptions {
      return {
        store,
        transports: { slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-clock-test', SLACK_API_URL: slack.apiUrl })) },
        worker: 'clock-test',
        pollMs: 20,
      };
    }

    describe('the poller when the clock jumps', () => {
      let processed: FeedItem[][];
      const alertEveryItem = async (feed: Feed, items: FeedItem[]) => {
        processed.push(items);
        return items.map((i) => ({ platform: 'slack', channelId: 'CFEED', dedupeKey: `${feed.id}:${i.key}`, payload: { title: i.title } }));
      };
      const poll = () => pollDueFeeds({ store, process: alertEveryItem, fetchOptions: () => ({ guard: anyAddress, timeoutMs: 30_000 }), now: () => new Date(clock()) });
      const outbox = async () => Number((await db.query('SELECT count(*) AS n FROM outbox'))[0]!.n);

      beforeEach(() => {
        processed = [];
      });

      it('polls a feed at the next tick after the clock went back a day, and alerts each new item once', async () => {
        const guardian = fixture('guardian.rss').toString('utf8');
        feeds.put('/clock-back', guardian.replace(/<item>[\s\S]*?<\/item>/, ''));
        await store.addFeed({ url: feeds.url('/clock-back'), title: null, addedBy: 'U1', addedInChannel: 'slack:C1', createdAt: new Date(clock()).toISOString() });
        expect((await poll()).map((o) => o.error)).toEqual([null]);
        feeds.put('/clock-back', guardian);
        offset = -DAY_MS;
        const [outcome] = await poll();
        expect(outcome).toMatchObject({ newItems: 1, alerts: 1, error: null });
        // Polled again at its interval on the new clock, not a day from now.
        expect(await poll()).toEqual([]);
        expect(Date.parse((await store.feeds())[0]!.nextPollAt!) - clock()).toBeLessThanOrEqual(5 * 60_000);
        expect(await outbox()).toBe(1);
      });

      it('alerts nothing twice when the clock goes forward a day and back', async () => {
        const guardian = fixture('guardian.rss').toString('utf8');
        feeds.put('/clock-forward', guardian.replace(/<item>[\s\S]*?<\/item>/, ''));
        await store.addFeed({ url: feeds.url('/clock-forward'), title: null, addedBy: 'U1', addedInChannel: 'slack:C1', createdAt: new Date(clock()).toISOString() });
        await poll();
        feeds.put('/clock-forward', guardian);
        offset = DAY_MS;
        expect((await poll()).map((o) => o.newItems)).toEqual([1]);
        offset = 0;
        // Its next poll was set a day ahead, by the clock that was wrong: polled again now, nothing new.
        expect((await poll()).map((o) => [o.newItems, o.error])).toEqual([[0, null]]);
        expect(processed.flat()).toHaveLength(1);
        expect(await outbox()).toBe(1);
      });
    });
  });
}
