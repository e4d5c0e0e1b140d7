// The REST client every Discord call goes through: discord.js's, which waits out 429s (unless told otherwise), pointed at DISCORD_API_URL when set.
import { DefaultRestOptions, REST, type RESTOptions } from 'discord.js';
import type { DiscordSettings } from './settings.ts';

export function discordRest(config: Pick<DiscordSettings, 'DISCORD_API_URL' | 'DISCORD_TOKEN'>, options: Partial<RESTOptions> = {}): REST {
  // An `api: undefined` would replace the default base URL, not fall back to it.
  const rest = new REST({ ...options, api: config.DISCORD_API_URL ?? DefaultRestOptions.api });
  return config.DISCORD_TOKEN ? rest.setToken(config.DISCORD_TOKEN) : rest;
}
