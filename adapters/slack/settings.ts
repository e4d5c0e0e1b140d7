// The Slack adapter's settings (SLACK_*), from the environment, validated: a bad one names the variable and what it expects.
import { z } from 'zod';
import { optional, parseSettings, portSetting } from '../../src/config.ts';

const idList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
  z.array(z.string().regex(/^[A-Z0-9]+$/, 'expected Slack user ids like U012ABCDEF, comma-separated')),
);

const schema = z
  .object({
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'expected a bot token starting xoxb-')),
    SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-f]{32}$/i, 'expected the 32 hex characters of the app\'s signing secret')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'expected an app-level token starting xapp- (Socket Mode)')),
    SLACK_PORT: portSetting(3000),
    SLACK_MANAGER_IDS: idList,
    SLACK_API_URL: optional(z.string().url('expected a URL such as https://slack.com/api/')),
  })
  .superRefine((c, ctx) => {
    const need = (when: boolean, key: string, message: string) => {
      if (when) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need(Boolean(c.SLACK_BOT_TOKEN) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN, 'SLACK_SIGNING_SECRET', 'expected with SLACK_BOT_TOKEN (HTTP mode), or set SLACK_APP_TOKEN (Socket Mode)');
    need(!c.SLACK_BOT_TOKEN && Boolean(c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN), 'SLACK_BOT_TOKEN', 'expected the xoxb- bot token, needed with the other SLACK_ settings');
  });

export type SlackSettings = z.infer<typeof schema>;

export function slackSettings(env: NodeJS.ProcessEnv = process.env): SlackSettings {
  return parseSettings(schema, env);
}
