// What the chat endpoints refuse, through the real Slack and Discord adapters on 127.0.0.1: forged, tampered and replayed requests;
// members who may not manage a channel changing what it follows or polls; feeds added from chat that point inside the network.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import type { CommandDeps } from '../../commands/context.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, MEMBER, type OptionValue, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { postToSlackApp, slackSignature, slashCommandBody } from '../helpers/slack-signing.ts';

const SECRET = randomBytes(16).toString('hex');
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'y'.repeat(38)}`;
const SLACK_MANAGER = 'USECMANAGER';
const SLACK_MEMBER = 'USECMEMBER';
const DISCORD_USER = '1187465309000000001';
const now = () => Math.floor(Date.now() / 1000);

let slackApi: SlackApiStandIn;
let discordApi: DiscordStandIn;
let feeds: FeedServer;
let store: Store;
let deps: CommandDeps;
let slack: RunningSlack;
let discord: RunningDiscord;
let keys: SigningKeys;
let slackUrl: string;
let discordUrl: string;

beforeAll(async () => {
  [slackApi, discordApi, feeds] = await Promise.all([startSlackApi(), startDiscordStandIn(), startFeedServer()]);
  slackApi.users.set(SLACK_MEMBER, {});
  store = await sqlite.fresh().open();
  // The chat path's defaults: feeds added from chat may not reach private or loopback addresses.
  deps = { catalog: await loadCatalog(store), store, settings: { allowPrivateFeeds: false, feedIntervalMinutes: 5 } };
  keys = signingKeys();
  slack = await startSlack(
    chatSettings({ SLACK_BOT_TOKEN: 'xoxb-security-test', SLACK_SIGNING_SECRET: SECRET, SLACK_MANAGER_IDS: SLACK_MANAGER, SLACK_API_URL: slackApi.apiUrl }),
    deps,
    { port: 0, host: '127.0.0.1' },
  );
  discord = await startDiscord(
    chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: discordApi.url }),
    deps,
    { port: 0, host: '127.0.0.1' },
  );
  slackUrl = `http://127.0.0.1:${slack.port}/slack/events`;
  discordUrl = `http://127.0.0.1:${discord.port}/interactions`;
});
afterAll(async () => {
  await Promise.all([slack?.stop(), discord?.stop()]);
  await Promise.all([slackApi.close(), discordApi.close(), feeds.close()]);
  await store.close();
  await sqlite.cleanup();
});

let sequence = 0;
/** `/sanctions <text>` from `user` in `channel`, signed as Slack signs (or as `options` spoil it); the status and the reply's text. */
async function slackCommand(text: string, user: string, channel: string, options: { timestamp?: number } = {}) {
  const body = slashCommandBody({ text, user_id: user, channel_id: channel, response_url: slackApi.responseUrl(`sec-${++sequence}`) });
  const res = await postToSlackApp(slackUrl, body, { secret: SECRET, ...options });
  return { status: res.status, text: res.status === 200 && res.body ? String((JSON.parse(res.body) as { text?: string }).text) : '' };
}

/** `/<command> <subcommand> options…` from a member with `permissions` in `channelId`; the status and the reply's content. */
async function discordCommand(command: string, subcommand: string, options: OptionValue[], permissions: string, channelId: string, timestamp?: number) {
  const payload = slashCommand(command, subcommand, options, { permissions, channelId, userId: DISCORD_USER });
  const res = await postInteraction(discordUrl, payload, keys, { timestamp });
  // Without Discord's markdown escapes.
  return { status: res.status, text: String(res.body?.data?.content ?? '').replace(/\\(.)/g, '$1') };
}

const subscriptions = (platform: string, channelId: string) => store.subscriptions({ platform, channelId });
const feedUrls = async () => (await store.feeds()).map((f) => f.url);

describe('signed requests', () => {
  it('Slack: refuses a captured request replayed with its old timestamp or a fresh one, and malformed signatures', async () => {
    const body = slashCommandBody({ text: 'subscribe country:Iran', user_id: SLACK_MANAGER, channel_id: 'CREPLAY', response_url: slackApi.responseUrl('replay') });
    const signedAt = now() - 10 * 60;
    const signature = slackSignature(SECRET, signedAt, body);
    const replay = (timestamp: number) =>
      fetch(slackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
        body,
      });
    expect((await replay(signedAt)).status).toBe(401);
    expect((await replay(now())).status).toBe(401);
    // A signature without its timestamp, and a malformed one.
    const noTimestamp = await fetch(slackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': slackSignature(SECRET, now(), body) }, body });
    expect(noTimestamp.status).toBe(401);
    const malformed = await fetch(slackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=zz' }, body });
    expect(malformed.status).toBe(401);
    expect(await subscriptions('slack', 'CREPLAY')).toEqual([]);
    expect(slackApi.callsTo('/response/replay')).toEqual([]);
  });

  it('Discord: refuses a request signed ten minutes ago (a replay) or ten minutes ahead, and one whose timestamp was changed', async () => {
    const channelId = '1187465309300000001';
    const subscribe = (timestamp?: number) => discordCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'Iran' }], CHANNEL_MANAGER, channelId, timestamp);
    expect((await subscribe(now() - 10 * 60)).status).toBe(401);
    expect((await subscribe(now() + 10 * 60)).status).toBe(401);
    const payload = JSON.stringify(slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'Iran' }], { permissions: CHANNEL_MANAGER, channelId }));
    const { sign } = await import('node:crypto');
    const signedAt = String(now() - 10 * 60);
    const retimed = await fetch(discordUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': sign(null, Buffer.from(signedAt + payload), keys.privateKey).toString('hex'),
        'x-signature-timestamp': String(now()),
      },
      body: payload,
    });
    expect(retimed.status).toBe(401);
    expect(await subscriptions('discord', channelId)).toEqual([]);

    // Within the window, as Discord's own clock may differ from this machine's.
    const recent = await subscribe(now() - 4 * 60);
    expect(recent.status).toBe(200);
    expect(recent.text).toMatch(/now follows country Iran/);
  });
});

describe('who may change what a channel follows and polls', () => {
  beforeAll(async () => {
    for (const [platform, channelId] of [['slack', 'CPERM'], ['discord', '1187465309300000002']] as const) {
      await store.addSubscription({ platform, channelId, kind: 'country', value: 'KP', createdBy: 'U0', createdAt: '2026-01-01T00:00:00.000Z' });
    }
    await store.addFeed({ url: 'https://news.example.org/kept.xml', title: null, addedBy: 'U0', addedInChannel: 'slack:CPERM', createdAt: '2026-01-01T00:00:00.000Z' });
  });

  it('Slack: a member gets a plain refusal for subscribe, unsubscribe, feeds add and feeds remove, and nothing changes', async () => {
    const requestsBefore = feeds.requests.length;
    const attempts = [
      'subscribe country:Iran',
      'unsubscribe country:North Korea',
      `feeds add ${feeds.url('/fixtures/rss-1.rss')}`,
      'feeds remove https://news.example.org/kept.xml',
    ];
    for (const text of attempts) {
      const reply = await slackCommand(text, SLACK_MEMBER, 'CPERM');
      expect(reply.status).toBe(200);
      expect(reply.text).toMatch(/^Only members who can manage this channel can (change what it follows|add or remove feeds)\./);
    }
    expect((await subscriptions('slack', 'CPERM')).map((s) => s.value)).toEqual(['KP']);
    expect(await feedUrls()).toEqual(['https://news.example.org/kept.xml']);
    // The feed was not even fetched.
    expect(feeds.requests.length).toBe(requestsBefore);
  });

  it('Discord: a member gets a plain refusal for the same four, whatever Discord showed them, and nothing changes', async () => {
    const channelId = '1187465309300000002';
    const attempts: [string, OptionValue[]][] = [
      ['subscribe', [{ name: 'country', value: 'Iran' }]],
      ['unsubscribe', [{ name: 'country', value: 'North Korea' }]],
      ['feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: feeds.url('/fixtures/rss-1.rss') }]],
      ['feeds', [{ name: 'action', value: 'remove' }, { name: 'url', value: 'https://news.example.org/kept.xml' }]],
    ];
    for (const [subcommand, options] of attempts) {
      const reply = await discordCommand(MANAGE_COMMAND, subcommand, options, MEMBER, channelId);
      expect(reply.text).toMatch(/^Only members who can manage this channel can (change what it follows|add or remove feeds)\./);
    }
    expect((await subscriptions('discord', channelId)).map((s) => s.value)).toEqual(['KP']);
    expect(await feedUrls()).toEqual(['https://news.example.org/kept.xml']);
  });

  it('lets a manager do the same, so the refusals above are about the member', async () => {
    expect((await slackCommand('unsubscribe country:North Korea', SLACK_MANAGER, 'CPERM')).text).toMatch(/no longer follows country North Korea/);
    expect((await discordCommand(MANAGE_COMMAND, 'unsubscribe', [{ name: 'country', value: 'North Korea' }], CHANNEL_MANAGER, '1187465309300000002')).text).toMatch(
      /no longer follows country North Korea/,
    );
    expect((await slackCommand('feeds remove https://news.example.org/kept.xml', SLACK_MANAGER, 'CPERM')).text).toMatch(/no longer polls/);
    expect(await feedUrls()).toEqual([]);
  });
});

describe('feeds added from chat', () => {
  const inside = [
    ['http://127.0.0.1:9/feed.xml', '127.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[::1]/feed', '::1'],
    ['http://10.0.0.8/rss', '10.0.0.8'],
    // A name that resolves to loopback.
    ['http://localhost/feed', '(127\\.0\\.0\\.1|::1)'],
  ] as const;

  it('Slack: refuses every address inside the network, for a manager too, before fetching anything', async () => {
    const requestsBefore = feeds.requests.length;
    for (const [url, address] of [...inside, [feeds.url('/fixtures/rss-1.rss'), '127.0.0.1'] as const]) {
      const reply = await slackCommand(`feeds add ${url}`, SLACK_MANAGER, 'CSSRF');
      expect(reply.text).toMatch(new RegExp(`^Nothing added: .* could not be read \\(refused: private address ${address}\\)\\.$`));
    }
    expect(feeds.requests.length).toBe(requestsBefore);
    expect(await feedUrls()).toEqual([]);
  });

  it('Discord: the same', async () => {
    for (const [url, address] of inside) {
      const reply = await discordCommand(MANAGE_COMMAND, 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: url }], CHANNEL_MANAGER, '1187465309300000003');
      expect(reply.text).toMatch(new RegExp(`^Nothing added: .* could not be read \\(refused: private address ${address}\\)\\.$`));
    }
    expect(await feedUrls()).toEqual([]);
  });
});
