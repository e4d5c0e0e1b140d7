// The Slack adapter: a Bolt app, over HTTP (signed requests) or Socket Mode, that answers `/sanctions`.
import type { AddressInfo } from 'node:net';
import { App, type BlockButtonAction } from '@slack/bolt';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { MUTE } from '../../src/alerts/verdicts.ts';
import { answerRequest } from '../../commands/answer.ts';
import { needsManagerCheck, parseRequest } from '../../commands/request.ts';
import type { SlackSettings } from './settings.ts';
import { answerInTime } from './answer.ts';
import { slackCanPost } from './can-post.ts';
import { boltLogger, slackLog } from './log.ts';
import { managerCheck, slackTenant } from './managers.ts';
import { type SlackMessage, renderSlack } from './render.ts';
import { screenSharedFiles } from './screen.ts';
import { SLACK_SYNTAX } from './syntax.ts';

export type SlackDeps = CommandDeps;

export interface SlackOptions {
  /** HTTP mode: the port to listen on (default SLACK_PORT; 0 picks a free one) and the interface. */
  port?: number;
  host?: string;
  /** A reply ready within this many milliseconds goes in the acknowledgement; a later one through the response URL. */
  ackAfterMs?: number;
  /** Least time between edits of a screening's progress message (default every 2 s). */
  progressEveryMs?: number;
}

export interface RunningSlack {
  /** The port listened on, or null in Socket Mode, which opens none. */
  port: number | null;
  stop(): Promise<void>;
}

/** Well inside Slack's 3 seconds, leaving time for the network. */
const DEFAULT_ACK_AFTER_MS = 2500;
/**
 * The Web API client's retries: a command waits for users.info, so a few quick retries (a 429 first waits
 * out its Retry-After) rather than the client's default of ten over half an hour.
 */
const RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 100, maxTimeout: 2000 };

export async function startSlack(config: SlackSettings, deps: SlackDeps, options: SlackOptions = {}): Promise<RunningSlack> {
  const { SLACK_BOT_TOKEN: token, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = config;
  if (!token || (!appToken && !signingSecret)) {
    throw new Error('Slack needs SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
  }
  const app = new App({
    token,
    ...(appToken ? { socketMode: true, appToken } : { signingSecret }),
    // false: ack() answers the HTTP request at once, while the listener goes on to use the response URL.
    processBeforeResponse: false,
    clientOptions: { ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}), retryConfig: RETRY_CONFIG },
    logger: boltLogger(),
    // init() below checks the token (auth.test), so a wrong one fails the start rather than the first command.
    deferInitialization: true,
  });
  const canManage = managerCheck(config.SLACK_MANAGER_IDS, app.client);
  const ackAfterMs = options.ackAfterMs ?? DEFAULT_ACK_AFTER_MS;

  /** Who asked, where, from which workspace: the context a command or a click runs in. */
  const contextFor = (asked: { channelId: string; userId: string; teamId: string; enterpriseId?: string; triggerId: string }, manager: boolean): CommandContext => {
    const team = { teamId: asked.teamId, ...(asked.enterpriseId ? { enterpriseId: asked.enterpriseId } : {}) };
    return {
      ...deps,
      platform: 'slack',
      syntax: SLACK_SYNTAX,
      tenant: slackTenant(team),
      requestId: asked.triggerId,
      channelId: asked.channelId,
      userId: asked.userId,
      canManage: manager,
      canPost: () => slackCanPost(app.client, asked.channelId),
    };
  };

  app.command('/sanctions', async ({ command, ack, respond }) => {
    const request = parseRequest(command.text);
    const where = { channelId: command.channel_id, userId: command.user_id };
    const team = { teamId: command.team_id, ...(command.enterprise_id ? { enterpriseId: command.enterprise_id } : {}) };
    const reply = async (): Promise<SlackMessage> => {
      // users.info only for the commands that need the answer (a failed look is a no, never a throw).
      const manager = needsManagerCheck(request) && (await canManage(command.user_id, team));
      const ctx = contextFor({ ...where, ...team, triggerId: command.trigger_id }, manager);
      return renderSlack(await answerRequest(request, ctx, { adapter: 'slack' }));
    };
    try {
      await answerInTime(reply, { ack, respond }, ackAfterMs);
    } catch (err) {
      slackLog.error({ err, ...where }, 'could not deliver the reply to /sanctions');
    }
  });
  // "Not this entity" under an alert: block_actions, posted (signed) to the same request URL as commands.
  app.action<BlockButtonAction>(MUTE, async ({ ack, body, action, respond }) => {
    await ack();
    const where = { channelId: body.channel?.id ?? '', userId: body.user.id };
    const team = { teamId: body.team?.id ?? '', ...(body.enterprise?.id ? { enterpriseId: body.enterprise.id } : {}) };
    const ctx = contextFor({ ...where, ...team, triggerId: body.trigger_id }, await canManage(body.user.id, team));
    const reply = await answerRequest({ kind: 'mute', token: action.value ?? '' }, ctx, { adapter: 'slack', action: MUTE });
    try {
      await respond({ ...renderSlack(reply), replace_original: false });
    } catch (err) {
      slackLog.error({ err, ...where }, 'could not answer "Not this entity"');
    }
  });
  const screenings = screenSharedFiles(app, { catalog: deps.catalog, store: deps.store, screenings: deps.screenings, token, apiUrl: config.SLACK_API_URL, progressEveryMs: options.progressEveryMs });
  app.error(async (err) => {
    slackLog.error({ err }, 'Bolt could not process a request');
  });

  await app.init();
  const stop = async () => {
    await app.stop();
    await screenings.idle();
  };
  if (appToken) {
    await app.start();
    slackLog.info('connected to Slack in Socket Mode');
    return { port: null, stop };
  }
  const server = await app.start({ port: options.port ?? config.SLACK_PORT, host: options.host });
  const { port } = server.address() as AddressInfo;
  slackLog.info({ port }, 'listening for Slack requests at /slack/events');
  return { port, stop };
}
