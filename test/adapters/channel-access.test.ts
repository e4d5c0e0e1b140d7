// Subscribing where the bot cannot post, and a paused channel resumed: through the real adapters, sender and transports, to the Slack and Discord stand-ins.
import { PLATFORM_LIMITS } from '../../adapters/platforms.ts';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDiscord } from '../../adapters/discord/discord.ts';
import { MANAGE_COMMAND } from '../../adapters/discord/definitions.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import type { RunningSlack } from '../../adapters/slack/slack.ts';
import { slackAlertClient, slackTransport } from '../../adapters/slack/transport.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { startSender } from '../../src/alerts/sender.ts';
import { textReply } from '../../src/messages/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { type ChatAdapters, DISCORD_TOKEN as TOKEN, startChatAdapters } from '../helpers/chat-adapters.ts';
import type { DiscordStandIn } from '../helpers/discord-api.ts';
import { BOT_INVITED, CHANNEL_MANAGER, postInteraction, type SigningKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { sendAll } from '../helpers/outbox.ts';
import type { SlackApiStandIn } from '../helpers/slack-api.ts';
import { postToSlackApp, slashCommandBody } from '../helpers/slack-signing.ts';

const MANAGER = 'UMANAGER1';

let chat: ChatAdapters;
let store: Store;
let slackApi: SlackApiStandIn;
let discordApi: DiscordStandIn;
let slack: RunningSlack;
let discord: RunningDiscord;
let keys: SigningKeys;
let SECRET: string;

beforeAll(async () => {
  chat = await startChatAdapters({ slackManager: MANAGER });
  ({ store, slackApi, discordApi, slack, discord, keys, slackSecret: SECRET } = chat);
});

afterAll(() => chat?.stop());

let responses = 0;
/** `/sanctions <text>` from the manager in `channel`, signed as Slack signs it; the reply. */
async function slackReply(text: string, channel: string): Promise<{ text: string; response_type: string }> {
  const body = slashCommandBody({ text, user_id: MANAGER, channel_id: channel, response_url: slackApi.responseUrl(`access${++responses}`) });
  const res = await postToSlackApp(`http://127.0.0.1:${slack.port}/slack/events`, body, { secret: SECRET });
  return JSON.parse(res.body) as { text: string; response_type: string };
}
const slackCommand = async (text: string, channel: string) => (await slackReply(text, channel)).text;

/** `/sanctions-manage subscribe country:North Korea` from a channel manager, the bot holding `appPermissions` there; the reply's content. */
async function discordSubscribe(channelId: string, appPermissions = BOT_INVITED): Promise<string> {
  const interaction = slashCommand(MANAGE_COMMAND, 'subscribe', [{ name: 'country', value: 'North Korea' }], { permissions: CHANNEL_MANAGER, channelId, appPermissions });
  const { body } = await postInteraction(`http://127.0.0.1:${discord.port}/interactions`, interaction, keys);
  return String(body.data.content).replace(/\\/g, '');
}

/** One alert to each channel, sent by the real sender through the real transports. */
async function alert(platform: string, channelId: string, n: number): Promise<void> {
  const alerts: NewOutboxAlert[] = [{ platform, channelId, dedupeKey: `${platform}:${channelId}:access:${n}`, payload: textReply(`alert ${n}`, false) }];
  await store.enqueueAlerts(alerts, new Date().toISOString());
  const sender = startSender({
    limits: PLATFORM_LIMITS,
    store,
    transports: {
      slack: slackTransport(slackAlertClient({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slackApi.apiUrl })),
      discord: discordTransport(discordAlertRest({ DISCORD_API_URL: discordApi.url, DISCORD_TOKEN: TOKEN })),
    },
    worker: 'access-test',
    pollMs: 20,
  });
  await sendAll(store, sender);
  await sender.stop();
}

const paused = async (platform: string, channelId: string) => (await store.subscriptions({ platform, channelId })).map((s) => Boolean(s.pausedAt));

describe('Slack: subscribing where the bot cannot post', () => {
  it('says so, and stores nothing, in a private channel the bot was not invited to', async () => {
    slackApi.setChannel('GPRIVATE1', { private: true, member: false });
    const text = await slackCommand('subscribe country:North Korea', 'GPRIVATE1');
    expect(text).toMatch(/^Nothing changed\. The bot cannot see this channel.*\/invite/);
    expect(await store.subscriptions({ platform: 'slack', channelId: 'GPRIVATE1' })).toEqual([]);
    // Invited, the same command subscribes.
    slackApi.setChannel('GPRIVATE1', { private: true, member: true });
    expect(await slackCommand('subscribe country:North Korea', 'GPRIVATE1')).toMatch(/now follows country North Korea/);
  });

  it('subscribes a public channel the bot is not in: chat:write.public lets it post there', async () => {
    slackApi.setChannel('CPUBLIC1', { member: false });
    expect(await slackCommand('subscribe country:North Korea', 'CPUBLIC1')).toMatch(/now follows country North Korea/);
    await alert('slack', 'CPUBLIC1', 1);
    expect(slackApi.posted.filter((m) => m.channel === 'CPUBLIC1').map((m) => m.text)).toEqual(['alert 1']);
  });

  it('resumes a channel paused after the bot was removed, when it is subscribed again', async () => {
    expect(await slackCommand('subscribe country:North Korea', 'GPAUSE1')).toMatch(/now follows/);
    slackApi.setChannel('GPAUSE1', { private: true, member: false });
    await alert('slack', 'GPAUSE1', 1);
    expect(await paused('slack', 'GPAUSE1')).toEqual([true]);
    expect(await slackCommand('subscriptions', 'GPAUSE1')).toContain('follows 1 subscription');

    // Still not invited: said, and it stays paused.
    expect(await slackCommand('subscribe country:North Korea', 'GPAUSE1')).toMatch(/^Nothing changed/);
    expect(await paused('slack', 'GPAUSE1')).toEqual([true]);
    slackApi.setChannel('GPAUSE1', { private: true, member: true });
    const again = await slackCommand('subscribe country:North Korea', 'GPAUSE1');
    expect(again).toMatch(/already follows country North Korea.*resumed/);
    expect(await paused('slack', 'GPAUSE1')).toEqual([false]);
    await alert('slack', 'GPAUSE1', 2);
    expect(slackApi.posted.filter((m) => m.channel === 'GPAUSE1').map((m) => m.text)).toEqual(['alert 2']);
  });

  it('says digest:off changed the delivery, not that nothing did', async () => {
    await slackCommand('subscribe country:North Korea digest:09:00', 'CDIGEST1');
    expect(await slackCommand('subscribe country:North Korea digest:off', 'CDIGEST1')).toMatch(/^This channel follows country North Korea \(KP\), now each alert at once\./);
    expect(await slackCommand('subscribe country:North Korea digest:off', 'CDIGEST1')).toMatch(/^This channel already follows country North Korea \(KP\), each alert at once\./);
  });
});

describe('Slack: who sees a reply', () => {
  it("answers a manager's failed change to the manager alone, and the change itself to the channel", async () => {
    const failed = await slackReply('feeds add http://127.0.0.1:9/feed.xml', 'CVISIBLE1');
    expect(failed).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Nothing added/) });
    expect(await slackReply('subscribe country:North Korea', 'CVISIBLE1')).toMatchObject({ response_type: 'in_channel' });
  });
});

describe('Discord: subscribing where the bot cannot post', () => {
  const channel = (n: number) => `11874653091000000${String(n).padStart(2, '0')}`;

  it('says which permission the bot lacks, from app_permissions, and stores nothing', async () => {
    const without = String(BigInt(BOT_INVITED) & ~PermissionFlagsBits.SendMessages);
    expect(await discordSubscribe(channel(1), without)).toMatch(/^Nothing changed\. The bot lacks Send Messages in this channel/);
    expect(await store.subscriptions({ platform: 'discord', channelId: channel(1) })).toEqual([]);
    expect(await discordSubscribe(channel(1))).toMatch(/now follows country North Korea/);
  });

  it('resumes a channel paused after the bot lost access, when it is subscribed again', async () => {
    expect(await discordSubscribe(channel(2))).toMatch(/now follows/);
    discordApi.removeChannel(channel(2), 403);
    await alert('discord', channel(2), 1);
    expect(await paused('discord', channel(2))).toEqual([true]);
    expect(await discordSubscribe(channel(2))).toMatch(/already follows country North Korea.*resumed/);
    expect(await paused('discord', channel(2))).toEqual([false]);
  });
});
