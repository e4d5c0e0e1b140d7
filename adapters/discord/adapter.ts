// The Discord adapter as the composition root takes it: its settings (DISCORD_*), its pace and message budget, interactions, channel messages.
import type { CommandDeps } from '../../commands/context.ts';
import type { AdapterFactory } from '../../src/adapter.ts';
import type { PlatformLimits } from '../../src/alerts/sender.ts';
import { fitsWhole } from './render.ts';
import { discordSettings } from './settings.ts';

/** 5 messages per 5 s per channel, and 50 requests a second per bot (https://discord.com/developers/docs/topics/rate-limits). */
export const DISCORD_LIMITS: PlatformLimits = { channel: { max: 5, perMs: 5000 }, platform: { max: 50, perMs: 1000 } };

export const discordAdapter: AdapterFactory<CommandDeps> = {
  platform: 'discord',
  limits: DISCORD_LIMITS,
  fits: fitsWhole,
  configure(env) {
    const settings = discordSettings(env);
    if (!settings.DISCORD_APPLICATION_ID) return null;
    // discord.js is loaded once Discord is configured: a start without it (the console, Slack alone) never pays for it.
    const transport = settings.DISCORD_TOKEN
      ? import('./transport.ts').then(({ discordAlertRest, discordTransport }) => discordTransport(discordAlertRest(settings)))
      : undefined;
    return {
      platform: 'discord',
      // Without a bot token the bot answers interactions over HTTP but cannot post to channels.
      send: transport && (async (...alert) => (await transport)(...alert)),
      start: async (deps) => (await import('./discord.ts')).startDiscord(settings, deps),
    };
  },
};
