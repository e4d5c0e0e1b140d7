// Discord past one gateway connection (DISCORD_SHARDS): a discord.js ShardingManager runs each shard as a child process that only holds
// its connection and hands every interaction back to this process, where the one handler answers it as it answers the HTTP endpoint's.
//
// So the shards load no catalog and open no database: Slack, the poller and the sender run once, in this process, however many
// shards there are; a shard costs a Node process and a WebSocket.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type APIInteraction, type REST, type RESTGetAPIGatewayBotResult, Routes, ShardingManager } from 'discord.js';
import { log } from '../../src/log.ts';
import { callbackResponder } from './gateway.ts';
import type { OnInteraction } from './interactions.ts';

/** What a shard sends this process: an interaction to answer. */
export interface ShardMessage {
  interaction: APIInteraction;
}

/** Compiled (dist/), the shard entry is JavaScript too. */
const compiled = import.meta.url.endsWith('.js');
const SHARD_ENTRY = fileURLToPath(new URL(compiled ? './shard.js' : './shard.ts', import.meta.url));
/** A TypeScript shard entry: its process loads tsx first, as this one did (resolved here, so any working directory will do). */
const EXEC_ARGV = compiled ? [] : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
/** Discord allows `max_concurrency` IDENTIFYs per 5 s; discord.js waits 5.5 s between shards, this divides that by max_concurrency. */
const IDENTIFY_WINDOW_MS = 5_500;

export interface ShardsOptions {
  token: string;
  /** The REST client that answers interactions (and asks GET /gateway/bot). */
  rest: REST;
  /** `auto`: as many as Discord recommends for the bot's servers (GET /gateway/bot). */
  shards: 'auto' | number;
  /** How long a shard may take to connect and turn ready (default 30 s, as discord.js). */
  readyTimeoutMs?: number;
}

export interface RunningShards {
  count: number;
  /** Ends every shard's process (each closes its connection). */
  stop(): Promise<void>;
}

export async function startShards(options: ShardsOptions, onInteraction: OnInteraction): Promise<RunningShards> {
  const gateway = (await options.rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const count = options.shards === 'auto' ? gateway.shards : options.shards;
  const manager = new ShardingManager(SHARD_ENTRY, { token: options.token, totalShards: count, execArgv: EXEC_ARGV, respawn: true });
  manager.on('shardCreate', (shard) => {
    shard.on('message', (message: Partial<ShardMessage> | null) => {
      if (message?.interaction) void onInteraction(message.interaction, callbackResponder(options.rest, message.interaction));
    });
    shard.on('ready', () => log.info({ shard: shard.id, of: count }, 'discord shard ready'));
    shard.on('death', () => log.warn({ shard: shard.id }, 'discord shard process exited'));
    // A restarted shard that fails to turn ready: logged (an unheard 'error' event would end this process).
    shard.on('error', (err) => log.error({ err, shard: shard.id }, 'discord shard could not be restarted'));
  });
  const children = () => [...manager.shards.values()].flatMap((s) => (s.process ? [s.process] : []));
  const stop = async () => {
    const exiting = children().map((child) => exited(child));
    for (const shard of manager.shards.values()) if (shard.process) shard.kill();
    await Promise.all(exiting);
  };
  try {
    const delay = Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, gateway.session_start_limit.max_concurrency));
    await manager.spawn({ amount: count, delay, timeout: options.readyTimeoutMs ?? 30_000 });
  } catch (err) {
    await stop();
    throw new Error(`Discord: the gateway shards did not all start (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return { count, stop };
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
}
