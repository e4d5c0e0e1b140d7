// Slack and Discord failing for minutes (5xx, 429s with Retry-After, the bot's token refused) and recovering, under the real retry policy:
// every alert arrives once, each channel in order, none given up, and no request comes before a Retry-After allows it.
// The minutes are the sender's: its clock runs `speed` times faster than the real one, and the outage is timed by that clock.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { CREDENTIALS_WAIT_MS, RETRY, retryDelay, startSender } from '../../src/alerts/sender.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type OutageAnswer, type OutageProxy, type ProxiedRequest, startOutageProxy } from '../helpers/outage-proxy.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const MINUTE = 60_000;
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const PER_CHANNEL = 3;

let slack: SlackApiStandIn;
let discord: DiscordStandIn;
const closing: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
});
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});
afterAll(async () => {
  await Promise.all([slack.close(), discord.close()]);
  await sqlite.cleanup();
});

type Outage = (minutes: number) => OutageAnswer | null;

/** The last time the sender's fast clock told. */
let lastClock = 0;

/**
 * Queues PER_CHANNEL alerts to each channel, and sends them all through proxies that fail as `slackOutage` and
 * `discordOutage` say for each minute since the start (by the sender's clock, `speed` times the real one).
 */
/** The most real time the sender's clock counts between two readings of it (it reads it every few milliseconds). */
const STEP_MS = 25;

async function sendThrough(speed: number, channels: { slack: string[]; discord: string[] }, slackOutage: Outage, discordOutage: Outage) {
  // Fast, but never by leaps: when a busy machine stalls this process for a second, the sender's clock moves on by at
  // most STEP_MS of real time, as it would have on a quiet machine, instead of a hundred seconds at once (claims would
  // expire and retries be skipped that no real outage would skip). It never runs back behind an earlier test's.
  const start = Math.max(Date.now(), lastClock);
  let fake = start;
  let real = Date.now();
  const clock = () => {
    const now = Date.now();
    fake += Math.min(now - real, STEP_MS) * speed;
    real = now;
    return (lastClock = fake);
  };
  // Slack's tiers are kept on the sender's clock too. Not its one post a second a channel: at this speed a millisecond
  // of the network's jitter is a tenth of a second (test/alerts/sender.test.ts).
  slack.clock(clock);
  slack.enforcePostInterval(0);
  const minutes = (at: number) => (at - start) / MINUTE;
  const [slackProxy, discordProxy]: OutageProxy[] = await Promise.all([
    startOutageProxy(slack.apiUrl, clock, (at) => slackOutage(minutes(at))),
    startOutageProxy(discord.url, clock, (at) => discordOutage(minutes(at))),
  ]);
  const db: TestDatabase = sqlite.fresh();
  const store = await db.open();
  closing.push(() => store.close(), () => slackProxy!.close(), () => discordProxy!.close());

  const alerts = (platform: string, channelId: string): NewOutboxAlert[] =>
    Array.from({ length: PER_CHANNEL }, (_, i) => ({
      platform,
      channelId,
      dedupeKey: `${platform}:${channelId}:outage:${i + 1}`,
      payload: { text: `alert ${i + 1}`, cards: [{ title: `Alert ${i + 1}`, fields: [] }], notes: [], ephemeral: false },
    }));
  await store.enqueueAlerts([...channels.slack.map((c) => alerts('slack', c)), ...channels.discord.map((c) => alerts('discord', c))].flat(), new Date(clock()).toISOString());
  // The real retry policy (RETRY), claim timeout and rate limits: only the clock is fast.
  const sender = startSender({
    limits: PLATFORM_LIMITS,
    store,
    transports: {
      slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-outage-test', SLACK_API_URL: slackProxy!.via(slack.apiUrl) })),
      discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discordProxy!.via(discord.url), DISCORD_TOKEN: TOKEN })),
    },
    worker: 'outage-test',
    pollMs: 10,
    now: clock,
  });
  try {
    await sendAll(store, sender, 60_000);
  } finally {
    await sender.stop();
  }

  for (const channel of channels.slack) {
    expect(slack.posted.filter((m) => m.channel === channel).map((m) => m.text)).toEqual(['alert 1', 'alert 2', 'alert 3']);
  }
  for (const channel of channels.discord) {
    expect(discord.messages.filter((m) => m.channelId === channel).map((m) => (m.body.embeds as { title: string }[])[0]!.title)).toEqual(['Alert 1', 'Alert 2', 'Alert 3']);
  }
  const rows = await db.query('SELECT status, attempts FROM outbox');
  expect(rows.map((r) => r.status)).toEqual(Array(rows.length).fill('sent'));
  return {
    attempts: rows.map((r) => Number(r.attempts)),
    slackPosts: slackProxy!.requests.filter((r) => r.path.endsWith('/chat.postMessage')),
    discordPosts: discordProxy!.requests.filter((r) => r.method === 'POST'),
    minutes,
  };
}

const slackChannel = (r: ProxiedRequest) => new URLSearchParams(r.body).get('channel') ?? '';
const discordChannel = (r: ProxiedRequest) => /\/channels\/(\d+)\/messages$/.exec(r.path)?.[1] ?? '';

function byChannel(requests: ProxiedRequest[], channelOf: (r: ProxiedRequest) => string): ProxiedRequest[][] {
  const channels = new Map<string, ProxiedRequest[]>();
  for (const r of requests) channels.set(channelOf(r), [...(channels.get(channelOf(r)) ?? []), r]);
  return [...channels.values()];
}

/** For each request a 429 answered: how long after it its channel's next request came, and how long it was asked to wait (ms). */
function waitsAfter429(requests: ProxiedRequest[], channelOf: (r: ProxiedRequest) => string) {
  return byChannel(requests, channelOf).flatMap((sequence) =>
    sequence.flatMap((r, i) => (r.status === 429 && sequence[i + 1] ? [{ waited: sequence[i + 1]!.at - r.at, asked: r.retryAfter! * 1000 }] : [])),
  );
}

describe('ten minutes of 5xx and 429, then recovery', () => {
  it('delivers every alert once, in order, none given up, honouring every Retry-After and backing off on 5xx', async () => {
    const SLACK_RETRY_AFTER_S = 30;
    // discord.js keeps a 429 in mind for its Retry-After in real time: a short one keeps the fast clock meaningful.
    const DISCORD_RETRY_AFTER_S = 0.2;
    const discordChannels = ['1000000000000000901', '1000000000000000902'];
    const { attempts, slackPosts, discordPosts, minutes } = await sendThrough(
      100,
      { slack: ['COUTAGE1', 'COUTAGE2'], discord: discordChannels },
      // Slack: 429s asking for 30 s for four minutes, then 503 for six.
      (t) =>
        t < 4 ? { status: 429, headers: { 'retry-after': String(SLACK_RETRY_AFTER_S) }, body: { ok: false, error: 'ratelimited' } }
        : t < 10 ? { status: 503, body: 'upstream connect error' }
        : null,
      // Discord: 502 for three minutes, then 429s for seven.
      (t) =>
        t < 3 ? { status: 502, body: { message: '502: Bad Gateway', code: 0 } }
        : t < 10 ? {
            status: 429,
            headers: { 'retry-after': String(DISCORD_RETRY_AFTER_S), 'x-ratelimit-scope': 'user' },
            body: { message: 'You are being rate limited.', retry_after: DISCORD_RETRY_AFTER_S, global: false },
          }
        : null,
    );
    expect(Math.max(...attempts)).toBeLessThan(RETRY.maxAttempts);

    // Every 429 was waited out before the channel was tried again.
    const waits = [...waitsAfter429(slackPosts, slackChannel), ...waitsAfter429(discordPosts, discordChannel)];
    expect(waits.filter((w) => w.asked === SLACK_RETRY_AFTER_S * 1000).length).toBeGreaterThanOrEqual(4);
    expect(waits.filter((w) => w.asked === DISCORD_RETRY_AFTER_S * 1000).length).toBeGreaterThanOrEqual(2);
    for (const { waited, asked } of waits) expect(waited).toBeGreaterThanOrEqual(asked);

    // 5xx: each channel's first alert was tried again after waits that doubled, so a few times over three minutes, not hammered.
    for (const channel of discordChannels) {
      const failed = discordPosts.filter((r) => discordChannel(r) === channel && r.status === 502);
      expect(failed.length).toBeGreaterThanOrEqual(4);
      expect(failed.length).toBeLessThanOrEqual(8);
      failed.slice(1).forEach((r, i) => expect(r.at - failed[i]!.at).toBeGreaterThanOrEqual(retryDelay(i + 1)));
    }
    // And nothing went out before the outage ended.
    expect([...slackPosts, ...discordPosts].filter((r) => !r.failed).every((r) => minutes(r.at) >= 10)).toBe(true);
  }, 90_000);
});

describe("the bot's token refused for twelve minutes, then taken again", () => {
  it('keeps every alert, tries again every ten minutes without counting an attempt, and delivers them all once taken', async () => {
    const { attempts, slackPosts, discordPosts, minutes } = await sendThrough(
      1000,
      { slack: ['CTOKEN1'], discord: ['1000000000000000911'] },
      (t) => (t < 12 ? { status: 200, body: { ok: false, error: 'invalid_auth' } } : null),
      (t) => (t < 12 ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : null),
    );
    // Attempts refused for the token are not counted: each alert went at its first counted try.
    expect(attempts).toEqual(Array(attempts.length).fill(1));
    for (const posts of [slackPosts, discordPosts]) {
      const refused = posts.filter((r) => r.failed);
      // At the start and ten minutes on: not hammered, and not given up.
      expect(refused.map((r) => Math.floor(minutes(r.at) / (CREDENTIALS_WAIT_MS / MINUTE)))).toEqual([0, 1]);
      // Discord's client kept the token after its 401: the first post after the refusal carried it and went through.
      expect(posts.find((r) => !r.failed)).toBeDefined();
    }
  }, 60_000);
});
