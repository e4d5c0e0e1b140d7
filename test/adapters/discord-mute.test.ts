// "Not this entity" in Discord: an alert posted to the stand-in REST API, its button clicked as Discord sends the click (a signed MESSAGE_COMPONENT interaction) to the real endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../adapters/discord/definitions.ts';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { discordAlertRest, discordTransport } from '../../adapters/discord/transport.ts';
import { chatSettings } from '../helpers/chat-settings.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, commandProblems, messageProblems, startDiscordStandIn } from '../helpers/discord-api.ts';
import { APP_ID, CHANNEL_MANAGER, MEMBER, type SigningKeys, buttonClick, postInteraction, signingKeys, slashCommand } from '../helpers/discord-interactions.ts';
import { BY_ALIAS, BY_NAME, BY_NAME_AGAIN, type NewsWorld, SEK, newsWorld } from '../helpers/news-world.ts';

const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'x'.repeat(38)}`;
const CHANNEL = '1000000000000000888';
const MANAGER_ID = '1187465309000000002';

let api: DiscordStandIn;
let keys: SigningKeys;
let world: NewsWorld;
let bot: RunningDiscord;
let endpoint: string;

beforeAll(async () => {
  api = await startDiscordStandIn();
  keys = signingKeys();
  world = await newsWorld(await sqlite.fresh().open(), [{ platform: 'discord', channelId: CHANNEL }]);
  const config = chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_GATEWAY: 'off', DISCORD_API_URL: api.url });
  bot = await startDiscord(config, world, { port: 0, host: '127.0.0.1' });
  endpoint = `http://127.0.0.1:${bot.port}/interactions`;
});

afterAll(async () => {
  await bot?.stop();
  await api?.close();
  await world?.store.close();
  await sqlite.cleanup();
});

type Button = { type: number; style: number; label: string; custom_id: string };
const buttons = (message: Record<string, unknown>) => ((message.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

/** The alert a new article causes, posted as the sender posts it; the message as Discord holds it. */
async function postedAlert(summary: string): Promise<Record<string, unknown>> {
  const [alert] = await world.publish(summary);
  const transport = discordTransport(discordAlertRest({ DISCORD_API_URL: api.url, DISCORD_TOKEN: TOKEN }));
  expect(await transport(CHANNEL, alert!.payload as Reply, { dedupeKey: alert!.dedupeKey, repeat: false, queuedAt: new Date().toISOString() })).toEqual({ ok: true });
  const posted = api.messages.at(-1)!;
  return { id: posted.id, ...posted.body };
}

const click = (message: Record<string, unknown>, permissions: string, userId?: string) =>
  postInteraction(endpoint, buttonClick(buttons(message)[0]!.custom_id, message, { channelId: CHANNEL, permissions, userId }), keys);

describe('"Not this entity" in Discord', () => {
  it('puts a button naming each entity under an alert, which Discord accepts', async () => {
    const message = await postedAlert(BY_NAME);
    expect(messageProblems(message)).toEqual([]);
    expect(message.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Not this entity: SEK STUDIO', custom_id: expect.stringMatching(/^mute:[\w-]{16}$/) }] }]);
  });

  it('registers /sanctions muted and /sanctions-manage unmute as Discord validates commands', () => {
    expect(commandProblems(COMMANDS)).toEqual([]);
  });

  it('refuses a member without Manage Channels, to them only, recording nothing', async () => {
    const { status, body } = await click(await postedAlert(BY_NAME), MEMBER);
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Only members who can manage this channel') } });
    expect(await world.store.verdicts()).toEqual([]);
  });

  it('refuses an unsigned or forged click with 401, recording nothing', async () => {
    const message = await postedAlert(BY_NAME);
    const payload = buttonClick(buttons(message)[0]!.custom_id, message, { channelId: CHANNEL, permissions: CHANNEL_MANAGER });
    expect((await postInteraction(endpoint, payload, keys, { unsigned: true })).status).toBe(401);
    expect((await postInteraction(endpoint, payload, keys, { signWith: signingKeys().privateKey })).status).toBe(401);
    expect(await world.store.verdicts()).toEqual([]);
  });

  it("records a manager's verdict, answers them only, and the channel is not alerted to that match again", async () => {
    const { status, body } = await click(await postedAlert(BY_NAME), CHANNEL_MANAGER, MANAGER_ID);
    expect(status).toBe(200);
    expect(messageProblems(body.data)).toEqual([]);
    expect(body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Muted: SEK STUDIO matched by “SEK Studio”') } });
    expect(await world.store.verdicts()).toMatchObject([{ platform: 'discord', channelId: CHANNEL, entityId: SEK, matched: 'SEK Studio', userId: MANAGER_ID }]);
    expect(await world.publish(BY_NAME_AGAIN)).toEqual([]);
    expect(await world.publish(BY_ALIAS)).toHaveLength(1);
  });

  it('lists the verdict with /sanctions muted, and /sanctions-manage unmute id:<id> undoes it for a manager', async () => {
    const listed = await postInteraction(endpoint, slashCommand('sanctions', 'muted', [], { channelId: CHANNEL, permissions: MEMBER }), keys);
    const { id } = (await world.store.verdicts())[0]!;
    expect(listed.body.data).toMatchObject({ flags: 64, content: expect.stringMatching(new RegExp(`unmute id:<\u200bid\\\\> alerts one again:\n${id}\\. SEK STUDIO \\\\\\(ofac-sdn-34022\\\\\\\) matched by “SEK Studio”`)) });
    const unmute = (permissions: string) => slashCommand('sanctions-manage', 'unmute', [{ name: 'id', value: id, type: 4 }], { channelId: CHANNEL, permissions });
    expect((await postInteraction(endpoint, unmute(MEMBER), keys)).body.data.content).toContain('Only members who can manage this channel');
    expect(await world.store.verdicts()).toHaveLength(1);
    const undone = await postInteraction(endpoint, unmute(CHANNEL_MANAGER), keys);
    expect(undone.body.data.content).toContain('Unmuted: SEK STUDIO');
    expect(await world.store.verdicts()).toEqual([]);
    expect(await world.publish(BY_NAME_AGAIN)).toHaveLength(1);
  });
});
