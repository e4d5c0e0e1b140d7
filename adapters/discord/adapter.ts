// The Discord adapter as the composition root takes it: its settings (DISCORD_*), its pace and message budget, interactions, channel messages.
import type { CommandDeps } from '../../commands/context.ts';
import type { AdapterFactory } from '../../src/adapter.ts';
import { startDiscord } from './discord.ts';
import { fitsWhole } from './render.ts';
import { discordSettings } from './settings.ts';
import { DISCORD_LIMITS, discordAlertRest, discordTransport } from './transport.ts';

export const discordAdapter: AdapterFactory<CommandDeps> = {
  platform: 'discord',
  limits: DISCORD_LIMITS,
  fits: fitsWhole,
  configure(env) {
    const settings = discordSettings(env);
    if (!settings.DISCORD_APPLICATION_ID) return null;
    return {
      platform: 'discord',
      // Without a bot token the bot answers interactions over HTTP but cannot post to channels.
      send: settings.DISCORD_TOKEN ? discordTransport(discordAlertRest(settings)) : undefined,
      start: (deps) => startDiscord(settings, deps),
    };
  },
};
