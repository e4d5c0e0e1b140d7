// Batch screening on Slack: a CSV shared in a DM with the bot, or in a channel with a message mentioning it, screened in a thread.
//
// Why this flow: a slash command cannot carry a file, so `/sanctions screen` only says how; users
// share files in messages, and the bot hears those as `message` events (subtype file_share) in the
// conversations it is in. In a DM every file shared is for the bot; in a channel only those in a
// message that mentions it, so that it never reads files not meant for it. The reply goes in the
// file's thread: progress in one message edited as it runs, then the summary and the result CSV.
import type { App, types, webApi } from '@slack/bolt';
import { type SharedFile as FileToScreen, screenShared } from '../../commands/screen.ts';
import type { Catalog } from '../../src/designations/catalog.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { firstTimeIfKnown } from '../../src/replay.ts';
import type { ScreeningQueue } from '../../src/screening/queue.ts';
import type { Store } from '../../src/store/store.ts';
import { slackLog } from './log.ts';
import { slackTenant } from './managers.ts';
import { escapeSlack, renderSlack } from './render.ts';

type SharedFile = NonNullable<types.FileShareMessageEvent['files']>[number];

export interface ScreeningOptions {
  catalog: Pick<Catalog, 'search'>;
  /** Where the events handled are recorded, so that one delivered again (a replay, or Slack's retry) is not screened twice. */
  store: Pick<Store, 'firstRequest'>;
  /** The line screenings wait in (default: the process's). */
  screenings?: ScreeningQueue;
  /** The bot token, sent only with downloads from Slack's file hosts. */
  token: string;
  /** SLACK_API_URL, when set: files are also taken from its origin (a stand-in's, in tests). */
  apiUrl?: string;
  /** Least time between progress edits (default every 2 s). */
  progressEveryMs?: number;
}

/** Where Slack serves a workspace's private files. */
function fileOrigins(apiUrl: string | undefined): string[] {
  return ['https://files.slack.com', ...(apiUrl ? [new URL(apiUrl).origin] : [])];
}

/** One message in the file's thread: posted by the first call, edited by the next ones. */
function threadMessage(client: webApi.WebClient, channel: string, threadTs: string) {
  let ts: string | undefined;
  return async (reply: Reply) => {
    const { text, blocks } = renderSlack(reply);
    if (ts) await client.chat.update({ channel, ts, text, blocks });
    else ts = (await client.chat.postMessage({ channel, thread_ts: threadTs, text, blocks, unfurl_links: false, unfurl_media: false })).ts;
  };
}

/** The file as files.info describes it when the event leaves out its details (Slack Connect: `file_access: check_file_info`). */
async function fileDetails(client: webApi.WebClient, file: SharedFile): Promise<SharedFile> {
  if (file.url_private_download) return file;
  const { file: info } = await client.files.info({ file: file.id });
  return { ...file, ...(info as Partial<SharedFile>) };
}

/** Slack's calls for one shared file: files.info, a message in the file's thread, files.uploadV2 into that thread. */
function threadCalls(client: webApi.WebClient, event: types.FileShareMessageEvent, shared: SharedFile, options: ScreeningOptions) {
  const threadTs = event.thread_ts ?? event.ts;
  return {
    async locate(): Promise<FileToScreen> {
      const file = await fileDetails(client, shared);
      return {
        name: file.name ?? file.title ?? 'the file',
        size: file.size,
        url: file.url_private_download,
        allowedOrigins: fileOrigins(options.apiUrl),
        headers: { authorization: `Bearer ${options.token}` },
      };
    },
    show: threadMessage(client, event.channel, threadTs),
    async upload(reply: Reply & { files: NonNullable<Reply['files']> }) {
      // files.getUploadURLExternal, the upload, then files.completeUploadExternal into the thread.
      for (const result of reply.files) {
        await client.filesUploadV2({ channel_id: event.channel, thread_ts: threadTs, initial_comment: escapeSlack(reply.text), filename: result.name, file: Buffer.from(result.content) });
      }
    },
  };
}

/** Listens for files shared with the bot; `idle()` waits for screenings under way. */
export function screenSharedFiles(app: App, options: ScreeningOptions): { idle(): Promise<void> } {
  const running = new Set<Promise<void>>();
  app.event('message', async ({ event, client, context, body }) => {
    if (event.subtype !== 'file_share' || !event.files?.length) return;
    const forTheBot = event.channel_type === 'im' || (context.botUserId !== undefined && event.text.includes(`<@${context.botUserId}>`));
    if (!forTheBot) return;
    const where = { channel: event.channel, user: event.user };
    if (!(await firstTimeIfKnown(options.store, `slack:${body.event_id}`))) return slackLog.warn({ ...where, event: body.event_id }, 'a file_share event came again: not screened twice');
    const tenant = slackTenant({ teamId: body.team_id, ...(body.enterprise_id ? { enterpriseId: body.enterprise_id } : {}) });
    const work = (async () => {
      for (const file of event.files!) {
        const screening = { tenant, name: file.name ?? file.title ?? 'the file', catalog: options.catalog, queue: options.screenings, progressEveryMs: options.progressEveryMs };
        await screenShared({ ...screening, where: { adapter: 'slack', ...where } }, threadCalls(client, event, file, options));
      }
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  return { idle: async () => void (await Promise.allSettled(running)) };
}
