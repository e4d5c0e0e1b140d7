// Tenancy tried as an attacker would (issue #13, items 3, 4, 6, 8): Slack workspaces and Discord servers sharing one bot and
// one database, through the Slack and Discord stand-ins with real signed requests; what each attempt changed, table by table.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { type RunningSlack, startSlack } from '../../adapters/slack/slack.ts';
import type { CommandDeps } from '../../commands/context.ts';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import { normalizedMatch } from '../../src/alerts/verdicts.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { fetchOptionsFor } from '../../src/feeds/sources.ts';
import { type ScreeningQueue, screeningQueue } from '../../src/screening/queue.ts';
import { snapshot } from '../bad-input/snapshot.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, MEMBER, type SigningKeys, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { rss } from '../helpers/feed-xml.ts';
import { type NewsWorld, SEK, newsWorld } from '../helpers/news-world.ts';
import { type SlackApiStandIn, startSlackApi } from '../helpers/slack-api.ts';
import { eventCallbackBody, postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const SECRET = randomBytes(16).toString('hex');
const DISCORD_TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
/** Workspace A (where the channel is), workspace B, and a Slack Connect guest: an admin of another workspace, in A's channel. */
const TEAM_A = 'T0TEST';
const TEAM_B = 'T0BRAVO';
const ADMIN_A = 'UADMINA';
const MEMBER_A = 'UMEMBERA';
const ADMIN_B = 'UADMINB';
const CONNECT_ADMIN = 'UCONNECT';
const SLACK_A = 'C0WORKSPACEA';
const SLACK_B = 'C0WORKSPACEB';
/** Discord server 1 and server 2, a channel in each. */
const GUILD_1 = '1300000000000000101';
const GUILD_2 = '1300000000000000202';
const DISCORD_1 = '1300000000000000111';
const DISCORD_2 = '1300000000000000222';

let feeds: FeedServer;
let slackApi: SlackApiStandIn;
let discordApi: DiscordStandIn;
let db: TestDatabase;
let world: NewsWorld;
let slack: RunningSlack;
let discord: RunningDiscord;
let keys: SigningKeys;
let queue: ScreeningQueue;
/** A feed whose address carries a token, as many do: only managers may see it. */
let wireUrl: string;
let published = 0;

const item = (text: string) => {
  published += 1;
  return { title: `Wire story ${published}`, link: `https://wire.example/${published}`, guid: `wire-${published}`, published: new Date(), text };
};

beforeAll(async () => {
  [feeds, slackApi, discordApi] = await Promise.all([startFeedServer(), startSlackApi(), startDiscordStandIn()]);
  feeds.put('/wire.xml', rss('Pyongyang wire', [item('Nothing listed here.')]));
  wireUrl = `${feeds.url('/wire.xml')}?token=s3cret-feed-token`;
  slackApi.users.set(ADMIN_A, { is_admin: true, team_id: TEAM_A });
  slackApi.users.set(MEMBER_A, { team_id: TEAM_A });
  slackApi.users.set(ADMIN_B, { is_admin: true, team_id: TEAM_B });
  slackApi.users.set(CONNECT_ADMIN, { is_admin: true, is_owner: true, team_id: 'T0ELSEWHERE' });
  db = sqlite.fresh();
  world = await newsWorld(await db.open(), []);
  keys = signingKeys();
  queue = screeningQueue({ perTenant: 1, overall: 2, maxWaiting: 10, maxWaitingPerTenant: 2 });
  // The feed server is on 127.0.0.1: only FEED_ALLOW_PRIVATE lets chat add it.
  const deps: CommandDeps = { catalog: world.catalog, store: world.store, settings: { allowPrivateFeeds: true, feedIntervalMinutes: 5 }, screenings: queue };
  slack = await startSlack(chatSettings({ SLACK_BOT_TOKEN: 'xoxb-tenancy', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackApi.apiUrl }), deps, { port: 0, host: '127.0.0.1' });
  const discordConfig = chatSettings({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: discordApi.url });
  discord = await startDiscord(discordConfig, deps, { port: 0, host: '127.0.0.1', progressEveryMs: 50 });
}, 60_000);

afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
  await Promise.all([feeds?.close(), slackApi?.close(), discordApi?.close()]);
  await world?.store.close();
  await sqlite.cleanup();
});

let responses = 0;
const slackUrl = () => `http://127.0.0.1:${slack.port}/slack/events`;

/** `/sanctions <text>` from `user` in a channel of `team`, signed: the reply in Slack's acknowledgement. */
async function inSlack(text: string, user: string, where: { channel: string; team: string } = { channel: SLACK_A, team: TEAM_A }): Promise<string> {
  const body = slashCommandBody({ text, user_id: user, channel_id: where.channel, team_id: where.team, response_url: slackApi.responseUrl(`tenancy-${++responses}`) });
  const res = await postToSlackApp(slackUrl(), body, { secret: SECRET });
  expect(res.status).toBe(200);
  return JSON.stringify(JSON.parse(res.body));
}

const discordUrl = () => `http://127.0.0.1:${discord.port}/interactions`;
type DiscordWhere = { guildId: string; channelId: string; permissions: string };
const MANAGER_1: DiscordWhere = { guildId: GUILD_1, channelId: DISCORD_1, permissions: CHANNEL_MANAGER };
const MANAGER_2: DiscordWhere = { guildId: GUILD_2, channelId: DISCORD_2, permissions: CHANNEL_MANAGER };

/** A slash command in a Discord server, signed: the reply's text. */
async function inDiscord(command: string, subcommand: string, options: { name: string; value: string | number; type?: number }[], where: DiscordWhere): Promise<string> {
  const { status, body } = await postInteraction(discordUrl(), slashCommand(command, subcommand, options, where), keys);
  expect(status).toBe(200);
  return String(body.data.content);
}

const tables = () => snapshot(db, 'sqlite');

/** Waits for `ready`, checking every 25 ms (the stand-ins record calls as they come). */
async function until(ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const feedRows = async () => (await world.store.feeds()).map((f) => ({ tenant: f.tenant, url: f.url })).filter((f) => f.url === wireUrl);

describe('feeds belong to the workspace or server that added them', () => {
  it('a Slack admin of workspace A adds a feed; A lists it (its URL and token to admins only), no other tenant sees it', async () => {
    expect(await inSlack('subscribe country:North Korea', ADMIN_A)).toContain('now follows country North Korea');
    expect(await inDiscord('sanctions-manage', 'subscribe', [{ name: 'country', value: 'North Korea' }], MANAGER_1)).toContain('now follows country North Korea');
    expect(await inSlack('subscribe country:North Korea', ADMIN_B, { channel: SLACK_B, team: TEAM_B })).toContain('now follows country North Korea');

    expect(await inSlack(`feeds add ${wireUrl}`, ADMIN_A)).toContain('Now polling Pyongyang wire');
    expect(await feedRows()).toEqual([{ tenant: `slack:${TEAM_A}`, url: wireUrl }]);

    const asAdmin = await inSlack('feeds', ADMIN_A);
    expect(asAdmin).toContain('The bot polls 1 feed:');
    expect(asAdmin).toContain('s3cret-feed-token');
    const asMember = await inSlack('feeds', MEMBER_A);
    expect(asMember).toContain('Pyongyang wire');
    expect(asMember).not.toContain('s3cret');
    expect(asMember).not.toContain('127.0.0.1');

    for (const other of [await inSlack('feeds', ADMIN_B, { channel: SLACK_B, team: TEAM_B }), await inDiscord('sanctions', 'feeds', [], MANAGER_1), await inDiscord('sanctions', 'feeds', [], { ...MANAGER_2, permissions: MEMBER })]) {
      expect(other).toContain('The bot polls no feeds.');
      expect(other).not.toMatch(/wire|s3cret/i);
    }
    expect(await inDiscord('sanctions', 'status', [], MANAGER_1)).not.toMatch(/wire|s3cret/i);
  });

  it('refuses every other tenant removing it, and a Slack Connect admin of another workspace in A’s channel, changing nothing', async () => {
    const before = await tables();
    expect(await inDiscord('sanctions-manage', 'feeds', [{ name: 'action', value: 'remove' }, { name: 'url', value: wireUrl }], MANAGER_1)).toContain(`The bot does not poll <${wireUrl}>`);
    expect(await inDiscord('sanctions-manage', 'feeds', [{ name: 'action', value: 'remove' }, { name: 'url', value: wireUrl }], { ...MANAGER_2, permissions: String(BigInt(CHANNEL_MANAGER) | 8n) })).toContain('does not poll');
    expect(await inSlack(`feeds remove ${wireUrl}`, ADMIN_B, { channel: SLACK_B, team: TEAM_B })).toContain('does not poll');
    // In workspace A's shared channel, an admin of another workspace is not A's admin (users.info gives the user's team).
    expect(await inSlack(`feeds remove ${wireUrl}`, CONNECT_ADMIN)).toContain('Only members who can manage this channel');
    expect(await inSlack('unsubscribe country:North Korea', CONNECT_ADMIN)).toContain('Only members who can manage this channel');
    expect(await tables()).toEqual(before);
    expect(await feedRows()).toEqual([{ tenant: `slack:${TEAM_A}`, url: wireUrl }]);
  });

  it('lets a Discord server add the same URL as its own feed, and remove it, leaving workspace A’s', async () => {
    expect(await inDiscord('sanctions-manage', 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: wireUrl }], MANAGER_1)).toContain('Now polling Pyongyang wire');
    expect(await feedRows()).toEqual([
      { tenant: `slack:${TEAM_A}`, url: wireUrl },
      { tenant: `discord:${GUILD_1}`, url: wireUrl },
    ]);
    expect(await inDiscord('sanctions-manage', 'feeds', [{ name: 'action', value: 'add' }, { name: 'url', value: wireUrl }], MANAGER_1)).toContain('already polls');
    expect(await inDiscord('sanctions-manage', 'feeds', [{ name: 'action', value: 'remove' }, { name: 'url', value: wireUrl }], MANAGER_1)).toContain('no longer polls');
    expect(await feedRows()).toEqual([{ tenant: `slack:${TEAM_A}`, url: wireUrl }]);
  });

  it("alerts only the adding tenant's channels to its feed's articles, and every channel to the operator's", async () => {
    const { feed: global } = await world.store.addFeed({ url: feeds.url('/operator.xml'), title: null, addedBy: 'config', addedInChannel: 'config', createdAt: new Date().toISOString() });
    feeds.put('/operator.xml', rss('Operator wire', [item('Nothing listed here either.')]));
    const poll = (minutesAhead: number) =>
      pollDueFeeds({ store: world.store, process: newsAlerts(world.store, world.catalog), fetchOptions: (f) => fetchOptionsFor(f, true), now: () => new Date(Date.now() + minutesAhead * 60_000) });
    // The operator's feed, never read before, is read without alerting; the wire was read when it was added.
    await poll(10);
    const sek = 'SEK Studio, the Pyongyang animation house, was among the entities the Treasury designated on Friday.';
    feeds.put('/wire.xml', rss('Pyongyang wire', [item(sek)]));
    feeds.put('/operator.xml', rss('Operator wire', [item(sek.replace('Friday', 'Thursday'))]));
    const outcomes = await poll(20);
    expect(outcomes.map((o) => [o.feed.id === global.id ? 'operator' : o.feed.tenant, o.newItems, o.error])).toEqual([
      [`slack:${TEAM_A}`, 1, null],
      ['operator', 1, null],
    ]);
    const queued = await db.query('SELECT platform, channel_id AS channel, dedupe_key AS key FROM outbox ORDER BY id');
    const channelsOf = (link: string) => queued.filter((r) => String(r.key).endsWith(link)).map((r) => `${r.platform}:${r.channel}`).sort();
    expect(channelsOf(`wire.example/${published - 1}`)).toEqual([`slack:${SLACK_A}`]);
    expect(channelsOf(`wire.example/${published}`)).toEqual([`discord:${DISCORD_1}`, `slack:${SLACK_A}`, `slack:${SLACK_B}`]);
  });
});

describe('replays', () => {
  /** Three verdicts in a channel, oldest first, as "Not this entity" records them. */
  async function verdicts(platform: string, channelId: string): Promise<number[]> {
    for (const matched of ['SEK Studio', 'Sek-Studio Pyongyang', 'SEK']) {
      await world.store.addVerdict({ platform, channelId, entityId: SEK, entityName: 'SEK STUDIO', matched, normalized: normalizedMatch(matched), articleLink: null, articleTitle: 'Story', userId: 'U1', createdAt: new Date().toISOString() });
    }
    return (await world.store.verdicts({ platform, channelId })).map((v) => v.id);
  }

  it('refuses a signed Slack `muted undo` sent again, as captured, within the 5 minutes: one verdict removed, not three', async () => {
    const ids = await verdicts('slack', SLACK_A);
    expect(await inSlack('muted', MEMBER_A)).toContain(`${ids[0]}. SEK STUDIO`);
    const body = slashCommandBody({ text: `muted undo ${ids[0]}`, user_id: ADMIN_A, channel_id: SLACK_A, team_id: TEAM_A, response_url: slackApi.responseUrl('replayed') });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postToSlackApp(slackUrl(), body, { secret: SECRET, timestamp });
    expect(JSON.parse(first.body).text).toContain('Unmuted: SEK STUDIO');
    const before = await tables();
    for (let i = 0; i < 2; i++) {
      const again = await postToSlackApp(slackUrl(), body, { secret: SECRET, timestamp });
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body).text).toBe('That request was received before and has been handled already: it is not run twice.');
    }
    expect(await tables()).toEqual(before);
    expect((await world.store.verdicts({ platform: 'slack', channelId: SLACK_A })).map((v) => v.id)).toEqual(ids.slice(1));
    // A new request (its own trigger_id) for the same id is idempotent: that verdict is gone, no other is touched.
    expect(await inSlack(`muted undo ${ids[0]}`, ADMIN_A)).toContain(`no mute with id ${ids[0]}`);
    expect((await world.store.verdicts({ platform: 'slack', channelId: SLACK_A })).map((v) => v.id)).toEqual(ids.slice(1));
  });

  it('refuses a signed Discord interaction sent again, and another server undoing this channel’s verdict by its id', async () => {
    const ids = await verdicts('discord', DISCORD_1);
    const interaction = slashCommand('sanctions-manage', 'unmute', [{ name: 'id', value: ids[0]!, type: ApplicationCommandOptionType.Integer }], MANAGER_1);
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postInteraction(discordUrl(), interaction, keys, { timestamp })).body.data.content).toContain('Unmuted: SEK STUDIO');
    const before = await tables();
    for (let i = 0; i < 2; i++) {
      expect((await postInteraction(discordUrl(), interaction, keys, { timestamp })).body.data.content).toContain('received before and has been handled already');
    }
    expect(await inDiscord('sanctions-manage', 'unmute', [{ name: 'id', value: ids[1]!, type: ApplicationCommandOptionType.Integer }], MANAGER_2)).toContain(`no mute with id ${ids[1]}`);
    expect(await inSlack(`muted undo ${ids[2]}`, ADMIN_A)).toContain(`no mute with id ${ids[2]}`);
    expect(await tables()).toEqual(before);
    expect((await world.store.verdicts({ platform: 'discord', channelId: DISCORD_1 })).map((v) => v.id)).toEqual(ids.slice(1));
  });
});

describe('screenings take turns', () => {
  const csv = readFileSync(new URL('../fixtures/screening/customers.csv', import.meta.url));
  const original = (token: unknown) => decodeURIComponent(Routes.webhookMessage(APP_ID, String(token), '@original'));
  const webhook = (token: unknown) => decodeURIComponent(Routes.webhook(APP_ID, String(token)));
  const editSaying = (token: unknown, text: string) => (c: { method: string; path: string; body: unknown }) =>
    c.method === 'PATCH' && c.path === original(token) && String((c.body as { content?: string }).content).includes(text);

  async function screen(where: DiscordWhere) {
    const attachment = discordApi.attach({ filename: 'customers.csv', bytes: csv });
    const payload = slashCommand('sanctions', 'screen', [{ name: 'file', value: attachment.id, type: ApplicationCommandOptionType.Attachment }], {
      ...where,
      resolved: { attachments: { [attachment.id]: attachment } },
    });
    expect((await postInteraction(discordUrl(), payload, keys)).body).toEqual({ type: 5, data: { flags: 64 } });
    return payload.token;
  }

  it("queues a server's screenings behind its running one, saying each one's place; refuses past its share of the line; other servers go on", async () => {
    // A screening of server 1 under way, holding its one place.
    const running = queue.enter(`discord:${GUILD_1}`)!;
    expect(running.position).toBe(0);
    const second = await screen(MANAGER_1);
    await discordApi.waitFor(editSaying(second, 'customers.csv is next in line to be screened'));
    const third = await screen(MANAGER_1);
    await discordApi.waitFor(editSaying(third, 'customers.csv is number 2 in line'));
    const refused = await screen({ ...MANAGER_1, permissions: MEMBER });
    await discordApi.waitFor(editSaying(refused, 'Cannot screen customers.csv now'));
    // Server 2 is not held up by server 1's line.
    const other = await screen(MANAGER_2);
    await discordApi.waitFor((c) => c.method === 'POST' && c.path === webhook(other), 30_000);
    expect(discordApi.calls.some((c) => c.method === 'POST' && c.path === webhook(second))).toBe(false);

    running.done();
    await discordApi.waitFor((c) => c.method === 'POST' && c.path === webhook(second), 30_000);
    await discordApi.waitFor((c) => c.method === 'POST' && c.path === webhook(third), 30_000);
    expect(discordApi.calls.some((c) => c.method === 'POST' && c.path === webhook(refused))).toBe(false);
  }, 60_000);

  it('tells a Slack workspace its place in the thread, and screens a file_share event sent twice (signed, as captured) once', async () => {
    const running = queue.enter(`slack:${TEAM_A}`)!;
    const file = slackApi.shareFile({ name: 'customers.csv', bytes: csv });
    const ts = '1700000000.000777';
    const event = { type: 'message', subtype: 'file_share', text: '', files: [file], upload: false, user: MEMBER_A, display_as_bot: false, ts, channel: 'D0DMA', channel_type: 'im', event_ts: ts };
    const body = eventCallbackBody(event);
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 2; i++) expect((await postToSlackApp(slackUrl(), body, { secret: SECRET, contentType: 'application/json', timestamp })).status).toBe(200);
    const inThread = () => slackApi.callsTo('/api/chat.postMessage').filter((c) => c.body.thread_ts === ts);
    await until(() => inThread().length > 0);
    expect(inThread().map((c) => c.body.text)).toEqual(['customers.csv is next in line to be screened: it starts once the screenings ahead of it are done.']);
    running.done();
    await until(() => slackApi.uploads.some((u) => u.thread_ts === ts));
    // A later file of the workspace is screened after anything of it in line before: a screened replay would be done by then.
    const later = { ...event, files: [slackApi.shareFile({ name: 'later.csv', bytes: csv })], ts: '1700000000.000778', event_ts: '1700000000.000778' };
    expect((await postToSlackApp(slackUrl(), eventCallbackBody(later), { secret: SECRET, contentType: 'application/json' })).status).toBe(200);
    await until(() => slackApi.uploads.some((u) => u.thread_ts === later.ts));
    expect(slackApi.uploads.filter((u) => u.thread_ts === ts)).toHaveLength(1);
    expect(inThread()).toHaveLength(1);
    expect(slackApi.calls.filter((c) => c.path === new URL(String(file.url_private_download)).pathname)).toHaveLength(1);
  }, 60_000);
});
