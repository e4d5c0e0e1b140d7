// The Slack adapter as the composition root takes it: its settings (SLACK_*), its pace and message budget, Bolt's app, chat.postMessage.
import type { CommandDeps } from '../../commands/context.ts';
import type { AdapterFactory } from '../../src/adapter.ts';
import type { PlatformLimits } from '../../src/alerts/sender.ts';
import { fitsOneMessage } from './render.ts';
import { slackSettings } from './settings.ts';

/** chat.postMessage: about one message a second per channel (https://api.slack.com/methods/chat.postMessage#rate_limiting). */
export const SLACK_LIMITS: PlatformLimits = { channel: { max: 1, perMs: 1000 } };

export const slackAdapter: AdapterFactory<CommandDeps> = {
  platform: 'slack',
  limits: SLACK_LIMITS,
  fits: fitsOneMessage,
  configure(env) {
    const settings = slackSettings(env);
    if (!settings.SLACK_BOT_TOKEN) return null;
    // Bolt is loaded once Slack is configured: a start without it (the console, Discord alone) never pays for it.
    const transport = import('./transport.ts').then(({ slackAlertClient, slackTransport }) => slackTransport(slackAlertClient(settings)));
    return {
      platform: 'slack',
      send: async (...alert) => (await transport)(...alert),
      start: async (deps) => (await import('./slack.ts')).startSlack(settings, deps),
    };
  },
};
