// No secret in the logs: the real bot at LOG_LEVEL=trace, driven through requests that succeed and requests that fail every way
// (HTTP 401 and 500, dropped connections, bad signatures), its whole output searched for each token, secret and password it was given.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { importList } from '../../src/designations/import.ts';
import { type BotProcess, freePort, startBot } from '../helpers/bot-process.ts';
import { type TestDatabase, postgres, sqlite, withPassword } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, MEMBER, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type OutageAnswer, type OutageProxy, startOutageProxy } from '../helpers/outage-proxy.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const SLACK_BOT_TOKEN = `xoxb-1111111111-2222222222-${randomBytes(12).toString('hex')}`;
const SLACK_SIGNING_SECRET = randomBytes(16).toString('hex');
const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
const SLACK_CHANNEL = 'CLOGS';
const DISCORD_CHANNEL = '1187465309400000001';

let slack: SlackApiStandIn;
let discord: DiscordStandIn;
let feeds: FeedServer;
let slackProxy: OutageProxy;
let discordProxy: OutageProxy;
/** What the proxies answer in the platforms' place, by a part of the path: the next answers queued for it. */
const failures = new Map<string, OutageAnswer[]>();
const failNext = (part: string, ...answers: OutageAnswer[]) => failures.set(part, [...(failures.get(part) ?? []), ...answers]);
const outage = (_at: number, path: string) => {
  for (const [part, answers] of failures) if (path.split('?')[0]!.includes(part) && answers.length) return answers.shift()!;
  return null;
};

beforeAll(async () => {
  [slack, discord, feeds] = await Promise.all([startSlackApi(), startDiscordStandIn(), startFeedServer()]);
  [slackProxy, discordProxy] = await Promise.all([startOutageProxy(slack.apiUrl, Date.now, outage), startOutageProxy(discord.url, Date.now, outage)]);
});
afterAll(async () => {
  await Promise.all([slackProxy.close(), discordProxy.close(), slack.close(), discord.close(), feeds.close()]);
  await sqlite.cleanup();
  if (postgres.available) await postgres.cleanup();
});

describe('the logs of a bot at LOG_LEVEL=trace', () => {
  let bot: BotProcess;
  let db: TestDatabase;
  let secrets: Record<string, string>;
  const keys = signingKeys();

  beforeAll(async () => {
    // PostgreSQL when there is one, so that DATABASE_URL holds a password too.
    db = postgres.available ? postgres.fresh() : sqlite.fresh();
    const seeding = await db.open();
    await importList(seeding, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
    await seeding.close();
    const database = postgres.available ? withPassword(db.url) : { url: db.url, password: undefined };
    secrets = {
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET,
      DISCORD_TOKEN,
      // The part of a Discord token that is the secret, should a log show it alone.
      'DISCORD_TOKEN signature': DISCORD_TOKEN.split('.')[2]!,
      ...(database.password && { 'DATABASE_URL password': database.password }),
    };
    const [slackPort, discordPort] = [await freePort(), await freePort()];
    bot = startBot({
      LOG_LEVEL: 'trace',
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: slackProxy.via(slack.apiUrl),
      SLACK_PORT: String(slackPort),
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_INTERACTIONS_PORT: String(discordPort),
      DISCORD_GATEWAY: 'off',
      DISCORD_API_URL: discordProxy.via(discord.url),
      FEEDS: feeds.url('/fixtures/rss-1.rss'),
      // So that a feed added from chat may be the test's (slow) feed server.
      FEED_ALLOW_PRIVATE: 'true',
    });
    await bot.waitFor(/listening for Slack requests/, 60_000);
    await bot.waitFor(/discord interactions endpoint listening/, 30_000);
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('shows none of the secrets, through successes and failures of every kind', async () => {
    const slackUrl = bot.output().match(/"port":(\d+)[^\n]*listening for Slack requests/)![1];
    const discordUrl = `http://127.0.0.1:${bot.output().match(/"port":(\d+)[^\n]*discord interactions endpoint listening/)![1]}/interactions`;
    let responses = 0;
    const slackCommand = async (text: string, user: string, options: { secret?: string } = {}) => {
      const body = slashCommandBody({ text, user_id: user, channel_id: SLACK_CHANNEL, response_url: slackProxy.via(slack.responseUrl(`logs-${++responses}`)) });
      return postToSlackApp(`http://127.0.0.1:${slackUrl}/slack/events`, body, { secret: SLACK_SIGNING_SECRET, ...options });
    };

    // Slack: a lookup; users.info answering 500, 401 and a dropped connection (the Web API client retries each);
    // a forged request; a reply through a response URL that fails.
    expect((await slackCommand('SEK Studio', 'ULOGS0')).status).toBe(200);
    slack.users.set('ULOGS1', { is_admin: true });
    failNext('/users.info', ...Array<OutageAnswer>(4).fill({ status: 500, body: 'upstream failure' }));
    expect(JSON.parse((await slackCommand('subscribe country:Iran', 'ULOGS1')).body).text).toMatch(/^Only members who can manage/);
    failNext('/users.info', ...Array<OutageAnswer>(4).fill({ status: 401, body: { ok: false, error: 'invalid_auth' } }));
    await slackCommand('subscribe country:Iran', 'ULOGS1');
    failNext('/users.info', ...Array<OutageAnswer>(4).fill('reset'));
    await slackCommand('subscribe country:Iran', 'ULOGS1');
    expect((await slackCommand('SEK Studio', 'ULOGS0', { secret: randomBytes(16).toString('hex') })).status).toBe(401);
    slack.delay('/api/users.info', 3000);
    failNext('/response/', { status: 500, body: 'failed' }, { status: 500, body: 'failed' }, 'reset', 'reset');
    await slackCommand('subscribe country:Iran', 'ULOGS1');
    await bot.waitFor(/could not deliver the reply/, 10_000);
    slack.delay('/api/users.info', 0);

    // Discord: a reply that takes longer than Discord waits (a slow feed being added), its edit through the webhook failing.
    feeds.put('/slow.rss', '<rss version="2.0"><channel><title>Slow</title></channel></rss>');
    feeds.delay((path) => (path === '/slow.rss' ? 3000 : 0));
    // Every try of discord.js's (it retries a 5xx three times) fails: its error names the URL, which holds the interaction's token.
    failNext(`/webhooks/${APP_ID}/`, ...Array<OutageAnswer>(4).fill({ status: 500, body: { message: '500: Internal Server Error', code: 0 } }));
    const slowAdd = slashCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: feeds.url('/slow.rss') }], { permissions: CHANNEL_MANAGER });
    secrets['a Discord interaction token'] = String(slowAdd.token);
    // Deferred privately: who sees the reply is the command's to say once it is done.
    expect((await postInteraction(discordUrl, slowAdd, keys)).body).toEqual({ type: 5, data: { flags: 64 } });
    await bot.waitFor(/discord interaction failed|could not edit/, 10_000);

    // Discord: a lookup, a refusal, a forged request.
    const lookup = await postInteraction(discordUrl, slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }], { permissions: MEMBER }), keys);
    expect(lookup.status).toBe(200);
    await postInteraction(discordUrl, slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'Iran' }], { permissions: MEMBER }), keys);
    expect((await postInteraction(discordUrl, slashCommand('sanctions', 'help'), keys, { signWith: signingKeys().privateKey })).status).toBe(401);
    await postInteraction(discordUrl, slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'Iran' }], { permissions: CHANNEL_MANAGER, channelId: DISCORD_CHANNEL }), keys);

    // Alerts to both, each failing once first (the bot's retry policy then waits 5 s): a dropped connection, a 503.
    // (A 401 on an alert makes the bot wait ten minutes: test/faults/platform-outage.test.ts.)
    failNext('/chat.postMessage', 'reset');
    failNext(`/channels/${DISCORD_CHANNEL}/messages`, { status: 503, body: { message: '503: Service Unavailable', code: 0 } });
    const store = await db.open();
    const alert = (platform: string, channelId: string): NewOutboxAlert => ({
      platform,
      channelId,
      dedupeKey: `${platform}:${channelId}:logs`,
      payload: { text: 'alert', cards: [{ title: 'Alert', fields: [] }], notes: [], ephemeral: false },
    });
    await store.enqueueAlerts([alert('slack', SLACK_CHANNEL), alert('discord', DISCORD_CHANNEL)], new Date().toISOString());
    try {
      const deadline = Date.now() + 60_000;
      while ((await store.outboxDepth()).pending > 0 && Date.now() < deadline) await sleep(100);
      expect(await store.outboxDepth()).toEqual({ pending: 0, oldest: null });
    } finally {
      await store.close();
    }
    expect(await bot.stop()).toEqual({ code: 0, signal: null });

    const output = bot.output();
    // The failures were logged, at length: the search below has something to search.
    for (const logged of [/users\.info failed/, /alert not delivered, will retry/, /could not deliver the reply/, /"level":20/]) expect(output).toMatch(logged);
    // Short-lived credentials too: a response URL lets anyone post in the channel for half an hour.
    const found = Object.entries({ ...secrets, 'a Slack response URL': '/response/logs-' }).filter(([, value]) => output.includes(value)).map(([name]) => name);
    expect(found).toEqual([]);
  }, 120_000);
});
