// One Discord gateway shard, a child process of the bot's ShardingManager (DISCORD_SHARDS): connects, and passes each interaction to the bot process.
import type { APIInteraction, Client } from 'discord.js';
import { discordSettings } from './settings.ts';
import { log } from '../../src/log.ts';
import { connectGateway } from './gateway.ts';
import { discordRest } from './rest.ts';
import type { ShardMessage } from './shards.ts';

// The manager's environment, which holds the bot's settings, plus SHARDS and SHARD_COUNT, which discord.js's Client reads.
const config = discordSettings();
const rest = discordRest(config);
const forward = (interaction: APIInteraction) =>
  new Promise<void>((resolve) => {
    const message: ShardMessage = { interaction };
    process.send?.(message, () => resolve());
  });

let client: Client | undefined;
const close = async () => {
  await client?.destroy();
  process.exit(0);
};
// Listening before connecting: a shard stopped while it connects ends at once.
process.once('SIGTERM', close);
// The bot process is gone (killed): nothing would answer what this connection receives.
process.once('disconnect', close);

try {
  client = await connectGateway({ token: config.DISCORD_TOKEN ?? '', api: rest.options.api, rest }, forward);
} catch (err) {
  log.error({ err, shard: process.env.SHARDS }, 'discord shard could not connect to the gateway');
  process.exit(1);
}
