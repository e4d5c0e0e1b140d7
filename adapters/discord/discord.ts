// Starts the Discord adapter: the HTTP interactions endpoint and/or a gateway connection, both answered by one handler.
import type { Client } from 'discord.js';
import type { DiscordSettings } from './settings.ts';
import type { CommandDeps } from '../../commands/context.ts';
import { log } from '../../src/log.ts';
import { connectGateway } from './gateway.ts';
import { type InteractionsServer, serveInteractions } from './http.ts';
import { DEFER_AFTER_MS, type OnInteraction, handleInteraction } from './interactions.ts';
import { discordRest } from './rest.ts';
import { startShards } from './shards.ts';

export interface DiscordOptions {
  /** Overrides DISCORD_INTERACTIONS_PORT; 0 takes any free port (the one taken is returned). */
  port?: number;
  /** Where the endpoint listens; default every interface, since Discord must reach it. */
  host?: string;
  deferAfterMs?: number;
  /** Least time between edits of a screening's progress (default every 2 s). */
  progressEveryMs?: number;
  /** How long a gateway shard (DISCORD_SHARDS) may take to turn ready. */
  shardReadyTimeoutMs?: number;
}

export interface RunningDiscord {
  /** The HTTP interactions endpoint's port, when it is served. */
  port?: number;
  /** Closes the endpoint and the gateway, and waits for replies still being sent. */
  stop(): Promise<void>;
}

export async function startDiscord(config: DiscordSettings, deps: CommandDeps, options: DiscordOptions = {}): Promise<RunningDiscord> {
  const port = options.port ?? config.DISCORD_INTERACTIONS_PORT;
  const token = config.DISCORD_GATEWAY === 'on' ? config.DISCORD_TOKEN : undefined;
  if (port === undefined && !token) {
    throw new Error('Discord: nothing to run. Set DISCORD_TOKEN (gateway, with DISCORD_GATEWAY=on) or DISCORD_INTERACTIONS_PORT and DISCORD_PUBLIC_KEY (HTTP interactions endpoint).');
  }
  let endpoint: { port: number; host?: string; publicKeyHex: string } | undefined;
  if (port !== undefined) {
    if (!config.DISCORD_PUBLIC_KEY) throw new Error('Discord: DISCORD_PUBLIC_KEY is needed to verify requests to the HTTP interactions endpoint.');
    endpoint = { port, host: options.host, publicKeyHex: config.DISCORD_PUBLIC_KEY };
  }

  const rest = discordRest(config);
  const handlerDeps = { ...deps, rest, deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS, progressEveryMs: options.progressEveryMs };
  const inFlight = new Set<Promise<void>>();
  const onInteraction: OnInteraction = (interaction, respond) => {
    const handled = handleInteraction(interaction, handlerDeps, respond);
    inFlight.add(handled);
    return handled.finally(() => inFlight.delete(handled));
  };

  let server: InteractionsServer | undefined;
  let gateway: { stop(): Promise<void> } | undefined;
  try {
    if (endpoint) {
      server = await serveInteractions(endpoint, onInteraction);
      log.info({ port: server.port }, 'discord interactions endpoint listening on /interactions');
    }
    if (token && config.DISCORD_SHARDS) {
      const count = config.DISCORD_SHARDS === 'auto' ? 'auto' : Number(config.DISCORD_SHARDS);
      const shards = await startShards({ token, rest, shards: count, readyTimeoutMs: options.shardReadyTimeoutMs }, onInteraction);
      gateway = shards;
      log.info({ shards: shards.count }, 'discord gateway shards connected');
    } else if (token) {
      const client: Client = await connectGateway({ token, api: rest.options.api, rest }, onInteraction);
      gateway = { stop: () => client.destroy() };
      log.info({ user: client.user?.tag }, 'discord gateway connected');
    }
  } catch (err) {
    await server?.close();
    throw err;
  }

  return {
    port: server?.port,
    async stop() {
      await server?.close();
      await gateway?.stop();
      await Promise.allSettled(inFlight);
    },
  };
}
