// `/sanctions screen file:<CSV>` on Discord: the attachment downloaded from Discord's CDN, progress edited into the deferred response, the result CSV as a follow-up.
import { type APIChatInputApplicationCommandInteraction, InteractionResponseType, MessageFlags, type REST } from 'discord.js';
import { screenHowTo, screenShared } from '../../commands/screen.ts';
import { REPLAYED, firstTimeIfKnown } from '../../src/replay.ts';
import { textReply } from '../../src/messages/reply.ts';
import type { InteractionDeps, Respond } from './interactions.ts';
import { discordTenant } from './tenant.ts';
import { renderReply } from './render.ts';
import { DISCORD_SYNTAX } from './syntax.ts';
import { editOriginal, followUp } from './webhook.ts';

/** Where Discord serves attachments; and the API's own origin (a stand-in's, in tests). */
function attachmentOrigins(rest: REST): string[] {
  return ['https://cdn.discordapp.com', 'https://media.discordapp.net', new URL(rest.options.api).origin];
}

/**
 * Screens the attachment given as the `file` option. Deferred at once (downloading and screening
 * take longer than Discord's 3 s), visible to the asker only: a list of names to screen is usually
 * confidential. Progress and the summary are edited into the deferred response; the result CSV is a follow-up.
 */
export async function screenAttachment(interaction: APIChatInputApplicationCommandInteraction, attachmentId: unknown, deps: InteractionDeps, respond: Respond): Promise<void> {
  // A replayed interaction would screen the file again: refused before anything is deferred or downloaded.
  if (!(await firstTimeIfKnown(deps.store, `discord:${interaction.id}`))) return respond({ type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(textReply(REPLAYED)) });
  await respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  const show = (reply: Parameters<typeof editOriginal>[2]) => editOriginal(deps.rest, interaction, reply);
  const attachment = typeof attachmentId === 'string' ? interaction.data.resolved?.attachments?.[attachmentId] : undefined;
  if (!attachment) return show(screenHowTo({ syntax: DISCORD_SYNTAX }));
  const file = { name: attachment.filename, size: attachment.size, url: attachment.url, allowedOrigins: attachmentOrigins(deps.rest) };
  await screenShared(
    { tenant: discordTenant(interaction), name: file.name, catalog: deps.catalog, queue: deps.screenings, progressEveryMs: deps.progressEveryMs, where: { adapter: 'discord', interaction: interaction.id } },
    { locate: async () => file, show, upload: (reply) => followUp(deps.rest, interaction, reply) },
  );
}
