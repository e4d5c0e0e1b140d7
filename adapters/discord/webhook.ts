// Messages sent after an interaction's first response, through its webhook: edits of the original response, and follow-ups carrying files.
import { type REST, Routes } from 'discord.js';
import type { Reply } from '../../src/messages/reply.ts';
import { renderReply } from './render.ts';

/** Whose interaction: the application and the interaction's token (valid for 15 minutes). */
export interface InteractionWebhook {
  application_id: string;
  token: string;
}

/** Edits the original response; an edit may not set EPHEMERAL, which the first response already fixed. */
export async function editOriginal(rest: REST, interaction: InteractionWebhook, reply: Reply): Promise<void> {
  const { flags: _fixedByFirstResponse, ...edit } = renderReply(reply);
  await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), { body: edit, auth: false });
}

/** A follow-up message, with the reply's files attached (multipart: `payload_json` and `files[n]`). */
export async function followUp(rest: REST, interaction: InteractionWebhook, reply: Reply): Promise<void> {
  const files = reply.files ?? [];
  const body = {
    ...renderReply(reply),
    attachments: files.map((f, id) => ({ id, filename: f.name })),
  };
  await rest.post(Routes.webhook(interaction.application_id, interaction.token), {
    body,
    files: files.map((f) => ({ name: f.name, data: Buffer.from(f.content), contentType: f.contentType })),
    auth: false,
  });
}
