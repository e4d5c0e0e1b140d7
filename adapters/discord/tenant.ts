// The tenant (src/tenant.ts) an interaction comes from: its server; in a DM, the user alone.
import type { APIInteraction } from 'discord.js';

export function discordTenant(interaction: APIInteraction): string {
  return interaction.guild_id ? `discord:${interaction.guild_id}` : `discord:dm:${(interaction.member?.user ?? interaction.user)?.id ?? ''}`;
}
