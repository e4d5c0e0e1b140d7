// The Discord adapter as the composition root takes it: its settings (DISCORD_*), its pace and message budget, interactions, channel messages.
import type { CommandDeps } from '../../commands/context.ts';
import type { AdapterFactory } from '../../src/adapter.ts';
import type { PlatformLimits } from '../../src/alerts/sender.ts';
import { fitsWhole } from './render.ts';
import { discordSettings } from './settings.ts';

/**
 * 5 messages per 5 s per channel, and of the 50 requests a second per bot (https://discord.com/developers/docs/topics/rate-limits)
 * alerts take 40, at most 10 in any quarter second: the bot's other calls (interaction follow-ups, permission checks)
 * share the 50, and a burst leaves over some tens of milliseconds, so a second's full burst paced a second after the
 * last met it still in Discord's window. Paced 50 a second in bursts, a day's alerts to 200 channels met 49 global 429s
 * in 400 messages, and Discord bars a bot's address for a while past 10,000 refused requests in 10 minutes.
 */
export const DISCORD_LIMITS: PlatformLimits = { channel: { max: 5, perMs: 5000 }, platform: { max: 10, perMs: 250 } };

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
