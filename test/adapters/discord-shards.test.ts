// Discord sharding (DISCORD_SHARDS): real shard processes from discord.js's ShardingManager connect to a gateway stand-in, and
// an interaction arriving on any shard is answered by the bot process, through the same handler and the REST stand-in.
import { fileURLToPath } from 'node:url';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDiscord, startDiscord } from '../../adapters/discord/discord.ts';
import { type ChatSettings as Config, chatSettings } from '../helpers/chat-settings.ts';
import { type Catalog, loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import type { Store } from '../../src/store/store.ts';
import { sqlite } from '../helpers/databases.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../helpers/discord-api.ts';
import { type GatewayStandIn, startDiscordGateway } from '../helpers/discord-gateway.ts';
import { APP_ID, MEMBER, slashCommand } from '../helpers/discord-interactions.ts';

const SDN_2021_12_10 = fileURLToPath(new URL('../../data/ofac-sdn-history/sdn-2021-12-10/sdn.csv', import.meta.url));
const TOKEN = `MTE4NzQ2NTMwOTEyMzQ1Njc4OQ.GaBcDe.${'s'.repeat(38)}`;

let api: DiscordStandIn;
let gateway: GatewayStandIn;
let store: Store;
let catalog: Catalog;
const saved = { ...process.env };

beforeAll(async () => {
  api = await startDiscordStandIn();
  gateway = await startDiscordGateway();
  // Discord recommends 3 shards for this bot, and lets 16 identify at once.
  api.gatewayBot(gateway.url, 3, 16);
  store = await sqlite.fresh().open();
  await importList(store, 'ofac-csv', [SDN_2021_12_10], { versionDate: '2021-12-10' });
  catalog = await loadCatalog(store);
  // The shard processes read the bot's settings from the environment they inherit, as under `npm start`.
  Object.assign(process.env, { DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.url, DISCORD_GATEWAY: 'on' });
});
afterAll(async () => {
  process.env = saved;
  await store.close();
  await gateway.close();
  await api.close();
  await sqlite.cleanup();
});

function configWith(shards: string): Config {
  return chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.url, DISCORD_SHARDS: shards });
}

describe('DISCORD_SHARDS', () => {
  it('is auto or a number of shards, and only with the gateway', () => {
    expect(configWith('auto').DISCORD_SHARDS).toBe('auto');
    expect(configWith('12').DISCORD_SHARDS).toBe('12');
    expect(() => configWith('0')).toThrow(/DISCORD_SHARDS: expected auto or a number of shards/);
    expect(() => configWith('many')).toThrow(/DISCORD_SHARDS: expected auto or a number of shards/);
    expect(() => chatSettings({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GATEWAY: 'off', DISCORD_SHARDS: '2' })).toThrow(
      /DISCORD_SHARDS: expected only with DISCORD_TOKEN and DISCORD_GATEWAY=on/,
    );
  });

  it('runs as many shards as Discord recommends, each in its own process, and answers an interaction from any in the bot process', async () => {
    const bot: RunningDiscord = await startDiscord(configWith('auto'), { catalog, store });
    try {
      // Started once every shard is ready: three connections, one per shard, each identified with the bot's token.
      expect(gateway.connected()).toEqual([0, 1, 2]);
      expect(gateway.identified.map((i) => i.shard).sort()).toEqual([[0, 3], [1, 3], [2, 3]]);
      expect(new Set(gateway.identified.map((i) => i.token))).toEqual(new Set([TOKEN]));

      const interaction = slashCommand('sanctions', 'lookup', [{ name: 'name', value: 'SEK Studio' }], { permissions: MEMBER }) as { id: string; token: string };
      gateway.dispatch(2, 'INTERACTION_CREATE', interaction);
      const callback = await api.waitFor((c) => c.path === Routes.interactionCallback(interaction.id, interaction.token), 10_000);
      expect(callback.status).toBe(204);
      expect(callback.body).toMatchObject({ type: 4, data: { embeds: [expect.objectContaining({ title: 'SEK STUDIO' })] } });
    } finally {
      await bot.stop();
    }
    // Stopped: every shard's process closed its connection.
    await gateway.until(() => gateway.connected().length === 0, 10_000);
  });

  it('fails the start, with no shard left running, when a shard cannot connect', async () => {
    gateway.refuse.add(1);
    const before = gateway.identified.length;
    try {
      await expect(startDiscord(configWith('2'), { catalog, store }, { shardReadyTimeoutMs: 15_000 })).rejects.toThrow(
        /^Discord: the gateway shards did not all start \(.*Shard 1/,
      );
      expect(new Set(gateway.identified.slice(before).map((i) => i.shard.join(' of ')))).toEqual(new Set(['0 of 2', '1 of 2']));
      // Shard 0 had connected; it is closed with the rest, and nothing reconnects afterwards.
      await gateway.until(() => gateway.connected().length === 0, 10_000);
      const identifies = gateway.identified.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(gateway.identified.length).toBe(identifies);
      expect(gateway.connected()).toEqual([]);
    } finally {
      gateway.refuse.clear();
    }
  });
});
