// `/sanctions screen file:<CSV>` on Discord: the attachment downloaded from Discord's CDN, progress edited into the deferred response, the result CSV as a follow-up.
import {
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  InteractionResponseType,
  MessageFlags,
  type REST,
} from 'discord.js';
import { screenHowTo, screenInTurn, screenProblem, progressUpdates, screenUpload } from '../../commands/screen.ts';
import { REPLAYED, firstTimeIfKnown } from '../../src/replay.ts';
import { log } from '../../src/log.ts';
import { textReply } from '../../src/messages/reply.ts';
import { downloadUpload } from '../../src/screening/download.ts';
import { ScreeningInputError, checkFileSize } from '../../src/screening/input.ts';
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
 * confidential.
 */
export async function screenAttachment(interaction: APIChatInputApplicationCommandInteraction, attachmentId: unknown, deps: InteractionDeps, respond: Respond): Promise<void> {
  // A replayed interaction would screen the file again: refused before anything is deferred or downloaded.
  if (!(await firstTimeIfKnown(deps.store, `discord:${interaction.id}`))) return respond({ type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(textReply(REPLAYED)) });
  await respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  const show = (reply: Parameters<typeof editOriginal>[2]) => editOriginal(deps.rest, interaction, reply);
  const attachment = typeof attachmentId === 'string' ? interaction.data.resolved?.attachments?.[attachmentId] : undefined;
  if (!attachment) return show(screenHowTo({ syntax: DISCORD_SYNTAX }));
  const name = attachment.filename;
  try {
    await screenInTurn(discordTenant(interaction), name, show, () => screenDownloaded(interaction, attachment, deps, show), deps.screenings);
  } catch (err) {
    log.error({ err, interaction: interaction.id }, 'discord screening failed');
    await show(textReply(`Something went wrong screening ${name}. Please try again in a moment.`)).catch(() => undefined);
  }
}

/** Downloads the attachment and screens it, once its turn has come. */
async function screenDownloaded(
  interaction: APIChatInputApplicationCommandInteraction,
  attachment: APIAttachment,
  deps: InteractionDeps,
  show: (reply: Parameters<typeof editOriginal>[2]) => Promise<unknown>,
): Promise<void> {
  const name = attachment.filename;
  let bytes: Uint8Array;
  try {
    checkFileSize(attachment.size);
    bytes = await downloadUpload(attachment.url, { allowedOrigins: attachmentOrigins(deps.rest) });
  } catch (err) {
    if (err instanceof ScreeningInputError) return void (await show(screenProblem(name, err.message)));
    throw err;
  }
  const updates = progressUpdates(show, name, deps.progressEveryMs);
  const { files, ...summary } = await screenUpload({ name, bytes }, deps.catalog, updates.listener);
  await updates.settled();
  await show(summary);
  if (files?.length) await followUp(deps.rest, interaction, { ...textReply(`The result of screening ${name}:`), files });
}
