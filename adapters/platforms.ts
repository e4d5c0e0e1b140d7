// The chat platforms the bot knows, for the composition root: each adapter's factory, and what the core needs of each by platform.
import type { CommandDeps } from '../commands/context.ts';
import type { AdapterFactory, ChatAdapter } from '../src/adapter.ts';
import type { MessageFits } from '../src/alerts/digest.ts';
import type { PlatformLimits } from '../src/alerts/sender.ts';
import { ConfigError } from '../src/config.ts';
import type { Channel } from '../src/designations/list-sources.ts';
import { discordAdapter } from './discord/adapter.ts';
import { slackAdapter } from './slack/adapter.ts';

export const ADAPTERS: readonly AdapterFactory<CommandDeps>[] = [slackAdapter, discordAdapter];

/** How fast each platform takes messages (the sender's pace), by platform. */
export const PLATFORM_LIMITS: Readonly<Record<string, PlatformLimits>> = Object.fromEntries(ADAPTERS.map((a) => [a.platform, a.limits]));

/** Whether a message goes whole to each platform (the digests' split), by platform. */
export const DIGEST_FITS: Readonly<Record<string, MessageFits>> = Object.fromEntries(ADAPTERS.map((a) => [a.platform, a.fits]));

/**
 * The adapters the environment configures, every bad setting of every platform named at once; ADMIN_CHANNEL checked
 * against them (a platform's channel needs that platform able to post; the console only when no platform runs).
 */
export function configureAdapters(env: NodeJS.ProcessEnv, adminChannel: Channel | null): ChatAdapter<CommandDeps>[] {
  const problems: string[] = [];
  const adapters: ChatAdapter<CommandDeps>[] = [];
  for (const factory of ADAPTERS) {
    try {
      const adapter = factory.configure(env);
      if (adapter) adapters.push(adapter);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.message.split('\n').slice(1).map((line) => line.trim()));
    }
  }
  if (adminChannel?.platform === 'console' && adapters.length) {
    problems.push('ADMIN_CHANNEL: the console is no channel when Slack or Discord runs: name a slack: or discord: channel');
  } else if (adminChannel && adminChannel.platform !== 'console' && !adapters.some((a) => a.platform === adminChannel.platform && a.send)) {
    problems.push(`ADMIN_CHANNEL: a ${adminChannel.platform} channel needs the ${adminChannel.platform} adapter configured to post (its bot token)`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return adapters;
}
