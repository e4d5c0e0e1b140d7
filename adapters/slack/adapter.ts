// The Slack adapter as the composition root takes it: its settings (SLACK_*), its pace and message budget, Bolt's app, chat.postMessage.
import type { CommandDeps } from '../../commands/context.ts';
import type { AdapterFactory } from '../../src/adapter.ts';
import { fitsOneMessage } from './render.ts';
import { slackSettings } from './settings.ts';
import { startSlack } from './slack.ts';
import { SLACK_LIMITS, slackAlertClient, slackTransport } from './transport.ts';

export const slackAdapter: AdapterFactory<CommandDeps> = {
  platform: 'slack',
  limits: SLACK_LIMITS,
  fits: fitsOneMessage,
  configure(env) {
    const settings = slackSettings(env);
    if (!settings.SLACK_BOT_TOKEN) return null;
    return {
      platform: 'slack',
      send: slackTransport(slackAlertClient(settings)),
      start: (deps) => startSlack(settings, deps),
    };
  },
};
