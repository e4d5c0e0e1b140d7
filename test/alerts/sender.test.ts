// The sender on a real SQLite outbox, through the real transports, to the Slack and Discord stand-ins: pace, order, retries, gone channels, escaping.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consoleTransport } from '../../adapters/console/transport.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import { type Article, articleAlerts } from '../../src/alerts/article-alerts.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type SenderOptions, startSender } from '../../src/alerts/sender.ts';
import type { Entity } from '../../src/designations/model.ts';
import type { Reply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { sendAll } from '../helpers/outbox.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';

const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
/** The stand-ins hold the sender to the platforms' pace, as measured where the messages arrive. */
const SLACK_INTERVAL_MS = 1000;
const DISCORD_PACE = { max: 5, perMs: 5000 };

let slack: SlackApiStandIn;
let discord: DiscordStandIn;
let db: TestDatabase;
let store: Store;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [slack, discord] = await Promise.all([startSlackApi(), startDiscordStandIn()]);
  slack.enforcePostInterval(SLACK_INTERVAL_MS);
  discord.enforceChannelPace(DISCORD_PACE.max, DISCORD_PACE.perMs);
});
afterAll(async () => {
  await Promise.all([slack.close(), discord.close()]);
  await sqlite.cleanup();
});
beforeEach(async () => {
  db = sqlite.fresh();
  store = await db.open();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await store.close();
});

function sender(options: Partial<SenderOptions> = {}) {
  const running = startSender({
    limits: PLATFORM_LIMITS,
    store,
    transports: {
      slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl })),
      discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN })),
    },
    worker: 'test',
    pollMs: 50,
    retry: { baseMs: 200 },
    ...options,
  });
  stops.push(running.stop);
  return running;
}

function message(n: number): Reply {
  return { text: `alert ${n}`, cards: [{ title: `Alert ${n}`, fields: [{ label: 'n', value: String(n) }] }], notes: [], ephemeral: false };
}

function alerts(platform: string, channelId: string, count: number): NewOutboxAlert[] {
  return Array.from({ length: count }, (_, i) => ({ platform, channelId, dedupeKey: `${platform}:${channelId}:test:${i + 1}`, payload: message(i + 1) }));
}

const queue = (...batches: NewOutboxAlert[][]) => store.enqueueAlerts(batches.flat(), new Date().toISOString());
const slackPosts = (channel: string) => slack.callsTo('/api/chat.postMessage').filter((c) => c.body.channel === channel);
const discordPosts = (channelId: string) => discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`);
const slackTexts = (channel: string) => slack.posted.filter((m) => m.channel === channel).map((m) => m.text);
const discordTitles = (channelId: string) => discord.messages.filter((m) => m.channelId === channelId).map((m) => (m.body.embeds as { title: string }[])[0]!.title);
const outbox = () => db.query('SELECT channel_id, dedupe_key, status, attempts, last_error FROM outbox ORDER BY id');
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await sleep(5);
  }
}

describe('the sender', () => {
  it('delivers to Slack and Discord within their limits, each channel in order', async () => {
    await queue(alerts('slack', 'C1', 3), alerts('slack', 'C2', 2), alerts('discord', '1000000000000000111', 7), alerts('discord', '1000000000000000222', 2));
    await sendAll(store, sender());

    expect(slackTexts('C1')).toEqual(['alert 1', 'alert 2', 'alert 3']);
    expect(slackTexts('C2')).toEqual(['alert 1', 'alert 2']);
    expect(discordTitles('1000000000000000111')).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Alert ${n}`));
    expect(discordTitles('1000000000000000222')).toEqual(['Alert 1', 'Alert 2']);
    expect(slack.paceViolations).toEqual([]);
    expect(discord.paceViolations).toEqual([]);
    for (const gap of gaps(slackPosts('C1').map((c) => c.at))) expect(gap).toBeGreaterThanOrEqual(SLACK_INTERVAL_MS);
    // Five at once, the sixth a window later.
    const busy = discordPosts('1000000000000000111').map((c) => c.at);
    expect(busy[5]! - busy[0]!).toBeGreaterThanOrEqual(DISCORD_PACE.perMs);
    // Well inside the 5 s window even on a loaded 2-core CI machine: the five were not paced apart.
    expect(busy[4]! - busy[0]!).toBeLessThan(2500);

    const [first] = discordPosts('1000000000000000111');
    expect(first!.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.stringMatching(/^[\w-]{25}$/) });
    expect(slackPosts('C1')[0]!.body).toMatchObject({ unfurl_links: 'false', metadata: { event_type: 'sanctions_alert', event_payload: { dedupe_key: 'slack:C1:test:1' } } });
    expect(await store.outboxDepth()).toEqual({ pending: 0, oldest: null });
    expect((await outbox()).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  }, 20_000);

  it("waits out a Slack 429's Retry-After for that channel only", async () => {
    slack.rateLimit('/api/chat.postMessage', 1);
    await queue(alerts('slack', 'CLIMITED-A', 1), alerts('slack', 'CLIMITED-B', 1));
    await sendAll(store, sender());

    const calls = [...slackPosts('CLIMITED-A'), ...slackPosts('CLIMITED-B')];
    const limited = calls.find((c) => c.status === 429)!;
    const again = calls.find((c) => c.accepted && c.body.channel === limited.body.channel)!;
    const other = calls.find((c) => c.accepted && c.body.channel !== limited.body.channel)!;
    expect(again.at - limited.at).toBeGreaterThanOrEqual(1000);
    // The other channel did not wait out the Retry-After: its alert went before the limited channel's retry.
    expect(other.at).toBeLessThan(again.at);
    // A 429 is no failed attempt: not counted, and nothing to look for in the channel's history.
    expect((await outbox()).map((row) => [row.status, row.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    expect(slack.callsTo('/api/conversations.history')).toEqual([]);
  });

  it("holds every Discord channel back for a global 429's Retry-After", async () => {
    const running = sender();
    discord.rateLimitNext(1, 0.5, true);
    await queue(alerts('discord', '1000000000000000301', 1));
    const limited = await discord.waitFor((c) => c.status === 429);
    // Once the sender has heard the answer, another channel's alert waits too.
    await until(async () => (await outbox())[0]!.last_error === 'rate limited (global)');
    await queue(alerts('discord', '1000000000000000302', 1));
    await sendAll(store, running);

    for (const channelId of ['1000000000000000301', '1000000000000000302']) {
      const [delivered] = discordPosts(channelId).filter((c) => c.status === 200);
      expect(delivered!.at - limited.at).toBeGreaterThanOrEqual(500);
    }
    expect(discordPosts('1000000000000000302').map((c) => c.status)).toEqual([200]);
  });

  it('retries a 500 with growing waits, and keeps the channel in order meanwhile', async () => {
    discord.failNext(2, 500);
    await queue(alerts('discord', '1000000000000000401', 2));
    await sendAll(store, sender());

    const calls = discordPosts('1000000000000000401');
    expect(calls.map((c) => c.status)).toEqual([500, 500, 200, 200]);
    const [first, second] = gaps(calls.map((c) => c.at));
    // baseMs 200: 200 ms after the first failure, 400 after the second.
    expect(first).toBeGreaterThanOrEqual(200);
    expect(second).toBeGreaterThanOrEqual(400);
    expect(discordTitles('1000000000000000401')).toEqual(['Alert 1', 'Alert 2']);
    expect((await outbox()).map((row) => [row.status, row.attempts, row.last_error])).toEqual([['sent', 3, null], ['sent', 1, null]]);
  });

  it("looks in a Slack channel's history before posting an alert again after a failure", async () => {
    slack.fail('/api/chat.postMessage', 500, 1);
    await queue(alerts('slack', 'CRETRY', 1));
    await sendAll(store, sender());

    expect(slackPosts('CRETRY').map((c) => c.status)).toEqual([500, 200]);
    const [looked] = slack.callsTo('/api/conversations.history').filter((c) => c.body.channel === 'CRETRY');
    expect(looked!.body).toMatchObject({ include_all_metadata: 'true', oldest: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(slackTexts('CRETRY')).toEqual(['alert 1']);
  });

  it('gives an alert up after its last attempt', async () => {
    discord.failNext(10, 503);
    await queue(alerts('discord', '1000000000000000501', 1));
    await sendAll(store, sender({ retry: { baseMs: 10, maxAttempts: 3 } }));
    discord.failNext(0, 500);

    expect(discordPosts('1000000000000000501').map((c) => c.status)).toEqual([503, 503, 503]);
    expect(await outbox()).toEqual([
      { channel_id: '1000000000000000501', dedupe_key: 'discord:1000000000000000501:test:1', status: 'dead', attempts: 3, last_error: expect.stringMatching(/^HTTP 503/) },
    ]);
  });

  it('pauses a channel that is gone or removed the bot, and never retries its alerts', async () => {
    const gone = [['slack', 'CGONE', 'channel_not_found'], ['slack', 'COUT', 'not_in_channel'], ['discord', '1000000000000000601', 404], ['discord', '1000000000000000602', 403]] as const;
    for (const [platform, channelId] of [...gone, ['slack', 'CALIVE']] as const) {
      await store.addSubscription({ platform, channelId, kind: 'country', value: 'KP', createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z' });
    }
    slack.refuseChannel('CGONE', 'channel_not_found');
    slack.refuseChannel('COUT', 'not_in_channel');
    discord.removeChannel('1000000000000000601', 404);
    discord.removeChannel('1000000000000000602', 403);
    await queue(...gone.map(([platform, channelId]) => alerts(platform, channelId, 2)), alerts('slack', 'CALIVE', 1));
    await sendAll(store, sender());

    const paused = (await store.subscriptions()).map((s) => [s.channelId, Boolean(s.pausedAt)]);
    expect(paused).toEqual([['CGONE', true], ['COUT', true], ['1000000000000000601', true], ['1000000000000000602', true], ['CALIVE', false]]);
    // One try per alert, then dead.
    expect(slackPosts('CGONE')).toHaveLength(2);
    expect(slackPosts('COUT')).toHaveLength(2);
    expect(discordPosts('1000000000000000601').map((c) => c.status)).toEqual([404, 404]);
    expect(discordPosts('1000000000000000602').map((c) => c.status)).toEqual([403, 403]);
    const rows = await outbox();
    expect(rows.filter((r) => r.channel_id !== 'CALIVE').map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(['dead', 1]));
    expect(rows.find((r) => r.channel_id === '1000000000000000601')!.last_error).toBe('404 10003: Unknown Channel');
    expect(rows.find((r) => r.channel_id === 'CALIVE')!.status).toBe('sent');
  });

  it('gives up at once on a message the platform refuses, without pausing the channel', async () => {
    await store.addSubscription({ platform: 'slack', channelId: 'CREFUSES', kind: 'country', value: 'KP', createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z' });
    slack.refuseChannel('CREFUSES', 'invalid_blocks');
    await queue(alerts('slack', 'CREFUSES', 1));
    await sendAll(store, sender());

    expect(slackPosts('CREFUSES')).toHaveLength(1);
    expect((await outbox()).map((r) => [r.status, r.last_error])).toEqual([['dead', 'invalid_blocks']]);
    expect((await store.subscriptions())[0]!.pausedAt).toBeNull();
  });

  it('stops promptly, handing back alerts still waiting for their turn', async () => {
    await queue(alerts('slack', 'CSTOP', 3));
    const running = sender();
    await until(() => slackTexts('CSTOP').length > 0);
    await running.stop();
    // It did not wait for the next alert's turn: the two behind it are handed back unsent.
    expect((await outbox()).filter((r) => r.channel_id === 'CSTOP').map((r) => r.status)).toEqual(['sent', 'pending', 'pending']);
  });
});

describe('the transports', () => {
  it('post a repeat to Discord with the same nonce, which Discord does not show twice', async () => {
    const post = discordTransport(discordAlertRest({ DISCORD_API_URL: discord.url, DISCORD_TOKEN: TOKEN }));
    const delivery = { dedupeKey: 'discord:1000000000000000801:article:a', repeat: false, queuedAt: new Date().toISOString() };
    expect(await post('1000000000000000801', message(1), delivery)).toEqual({ ok: true });
    expect(await post('1000000000000000801', message(1), { ...delivery, repeat: true })).toEqual({ ok: true });
    expect(await post('1000000000000000801', message(2), { ...delivery, dedupeKey: 'discord:1000000000000000801:article:b' })).toEqual({ ok: true });
    expect(discordPosts('1000000000000000801')).toHaveLength(3);
    expect(discordTitles('1000000000000000801')).toEqual(['Alert 1', 'Alert 2']);
  });
});

describe('an article alert, delivered', () => {
  const hostile = '@everyone <!channel> <!here> <@U123> <@123> [click here](https://evil.example) **bold**';
  const entity: Entity = {
    id: 'ofac-sdn-34022',
    type: 'organization',
    name: 'SEK STUDIO',
    aliases: [],
    countries: ['KP'],
    programs: ['DPRK3'],
    lists: [{ id: 'ofac-sdn', name: 'OFAC SDN List' }],
    designated: '2021-12-10',
    remarks: null,
    identifiers: [],
    addresses: [],
    related: [],
    sourceUrl: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=34022',
  };
  const article: Article = { key: 'hostile-1', title: `Sanctions ${hostile}`, link: 'https://news.example/a', published: '2021-12-10', source: `Feed ${hostile}` };
  const sentence = `SEK Studio was named, ${hostile}.`;
  const mention = { entityId: entity.id, name: entity.name, matched: 'SEK Studio', start: 0, end: 10, confidence: 0.9, alias: 'SEK STUDIO', sentence };

  it('reaches Slack and Discord escaped, pinging nobody and linking nowhere', async () => {
    const subs = [
      { id: 1, tenant: 'slack:T1', platform: 'slack', channelId: 'CESCAPE', kind: 'country' as const, value: 'KP', createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z', pausedAt: null },
      { id: 2, tenant: 'discord:G1', platform: 'discord', channelId: '1000000000000000701', kind: 'country' as const, value: 'KP', createdBy: 'U1', createdAt: '2021-12-01T00:00:00.000Z', pausedAt: null },
    ];
    await store.enqueueAlerts(articleAlerts(article, [mention], subs, () => entity), new Date().toISOString());
    await sendAll(store, sender());

    const [posted] = slackPosts('CESCAPE');
    expect(posted!.accepted).toBe(true);
    const slackText = JSON.stringify([posted!.body.text, posted!.body.blocks]);
    for (const ping of ['<!channel>', '<!here>', '<@U123>', '<@123>', '<https://evil']) expect(slackText).not.toContain(ping);
    expect(slackText).toContain('&lt;!channel&gt;');
    expect(slackText).toContain('«SEK Studio»');

    const [sent] = discordPosts('1000000000000000701');
    expect(sent!.status).toBe(200);
    const body = sent!.body as { allowed_mentions: unknown; embeds: unknown[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const discordText = JSON.stringify(body.embeds);
    expect(discordText).not.toMatch(/@everyone|@here|<@|<!|\]\(https/);
    expect(discordText).toContain('\\\\[click here\\\\]\\\\(https://evil.example\\\\)');
    expect(discordText).toContain('«SEK Studio»');
  });

  it('prints in the console', async () => {
    const output = new PassThrough();
    const printed: string[] = [];
    output.on('data', (chunk: Buffer) => printed.push(chunk.toString('utf8')));
    const [alert] = articleAlerts(article, [mention], [{ id: 1, tenant: 'console', platform: 'console', channelId: 'console', kind: 'country', value: 'KP', createdBy: 'console', createdAt: '2021-12-01T00:00:00.000Z', pausedAt: null }], () => entity);
    await store.enqueueAlerts([alert!], new Date().toISOString());
    await sendAll(store, sender({ transports: { console: consoleTransport(output) } }));
    expect(printed.join('')).toMatch(/■ Sanctions @everyone[^\n]*\n[\s\S]*■ SEK STUDIO[\s\S]*In the article: «SEK Studio» was named/);
  });
});
