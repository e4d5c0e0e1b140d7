// Registers the slash commands with Discord: to one server when DISCORD_GUILD_ID is set (instant, for testing), else globally.
import { DiscordAPIError, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import type { DiscordSettings } from './settings.ts';
import { COMMANDS } from './definitions.ts';
import { discordRest } from './rest.ts';

export interface Registration {
  route: string;
  names: string[];
}

/** What a refusal means for the person running the script. */
function explain(err: DiscordAPIError, config: DiscordSettings): string {
  if (err.status === 401) return 'Discord refused DISCORD_TOKEN (401 Unauthorized): copy the token again from the Bot page of the Developer Portal.';
  if (err.status === 403 && config.DISCORD_GUILD_ID) {
    return `The bot cannot add commands to server ${config.DISCORD_GUILD_ID} (403): invite it there with the bot and applications.commands scopes, or check DISCORD_GUILD_ID.`;
  }
  if (err.status === 403 || err.status === 404) return `DISCORD_APPLICATION_ID ${config.DISCORD_APPLICATION_ID} does not belong to this bot token (${err.status}).`;
  return `Discord refused the commands (${err.status}): ${err.message}`;
}

export async function registerCommands(config: DiscordSettings): Promise<Registration> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: appId } = config;
  if (!token || !appId) {
    const missing = [!token && 'DISCORD_TOKEN', !appId && 'DISCORD_APPLICATION_ID'].filter(Boolean).join(' and ');
    throw new Error(`Set ${missing} (in the environment or .env) to register commands; docs/discord.md says where to find them.`);
  }
  const guild = config.DISCORD_GUILD_ID;
  const route = guild ? Routes.applicationGuildCommands(appId, guild) : Routes.applicationCommands(appId);
  // Server commands live in that server only: where-they-may-be-used fields are for global commands.
  const body = guild ? COMMANDS.map(({ contexts: _c, dm_permission: _d, integration_types: _i, ...command }) => command) : COMMANDS;
  try {
    // PUT replaces the whole set: commands renamed or removed here disappear from Discord too.
    const registered = (await discordRest(config).put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    return { route, names: registered.map((c) => c.name) };
  } catch (err) {
    throw err instanceof DiscordAPIError ? new Error(explain(err, config)) : err;
  }
}
