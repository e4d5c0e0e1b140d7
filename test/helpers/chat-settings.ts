// Both adapters' settings from one environment, as tests that start Slack and Discord side by side give them.
import { discordSettings } from '../../adapters/discord/settings.ts';
import { slackSettings } from '../../adapters/slack/settings.ts';

export type ChatSettings = ReturnType<typeof slackSettings> & ReturnType<typeof discordSettings>;

export function chatSettings(env: NodeJS.ProcessEnv): ChatSettings {
  return { ...slackSettings(env), ...discordSettings(env) };
}
