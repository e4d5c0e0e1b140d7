// Whether the bot can post alerts in a Discord channel, read from the permissions Discord sends with every interaction (app_permissions).
import { type APIInteraction, ChannelType, PermissionFlagsBits } from 'discord.js';

const THREADS = new Set<number>([ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread]);

/** What an alert needs: to see the channel, to post in it (in a thread: to post in threads), and its cards as embeds. */
function needed(interaction: APIInteraction): [bigint, string][] {
  const inThread = interaction.channel !== undefined && THREADS.has(interaction.channel.type);
  return [
    [PermissionFlagsBits.ViewChannel, 'View Channel'],
    inThread ? [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'] : [PermissionFlagsBits.SendMessages, 'Send Messages'],
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  ];
}

/** What the bot lacks to post alerts where the interaction came from, said for the user; null when nothing, or when Discord did not say. */
export function discordCanPost(interaction: APIInteraction): string | null {
  const granted = interaction.app_permissions;
  if (!granted || !/^\d+$/.test(granted)) return null;
  const bits = BigInt(granted);
  if (bits & PermissionFlagsBits.Administrator) return null;
  const missing = needed(interaction).filter(([bit]) => (bits & bit) === 0n).map(([, name]) => name);
  if (!missing.length) return null;
  return `The bot lacks ${missing.join(', ')} in this channel, so it could not post alerts here. Give its role ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel's settings, then subscribe again.`;
}
