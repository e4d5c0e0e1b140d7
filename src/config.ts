// Settings from the environment (and .env), validated at start: a bad one names the variable and what it expects.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDatabaseUrl } from './store/open.ts';

const optional = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const port = (fallback: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : Number(v)), z.number().int().min(1).max(65535));
const idList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
  z.array(z.string().regex(/^[A-Z0-9]+$/, 'expected Slack user ids like U012ABCDEF, comma-separated')),
);

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .default('')
      .superRefine((url, ctx) => {
        try {
          parseDatabaseUrl(url);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'expected a bot token starting xoxb-')),
    SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-f]{32}$/i, 'expected the 32 hex characters of the app\'s signing secret')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'expected an app-level token starting xapp- (Socket Mode)')),
    SLACK_PORT: port(3000),
    SLACK_MANAGER_IDS: idList,
    SLACK_API_URL: optional(z.string().url('expected a URL such as https://slack.com/api/')),

    DISCORD_TOKEN: optional(z.string().min(50, 'expected the bot token from the Developer Portal')),
    DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{17,20}$/, 'expected the numeric application id')),
    DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-f]{64}$/i, 'expected the 64 hex characters of the app\'s public key')),
    DISCORD_GUILD_ID: optional(z.string().regex(/^\d{17,20}$/, 'expected a numeric server (guild) id')),
    DISCORD_GATEWAY: z.enum(['on', 'off']).default('on'),
    DISCORD_INTERACTIONS_PORT: z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().min(1).max(65535).optional()),
    DISCORD_API_URL: optional(z.string().url('expected a URL such as https://discord.com/api')),

    FEEDS: z
      .string()
      .default('')
      .refine((v) => v.split(/[\s,]+/).filter(Boolean).every((url) => /^https?:\/\/[^\s]+$/i.test(url)), 'expected http(s) feed URLs separated by commas or spaces'),
    FEED_ALLOW_PRIVATE: z
      .string()
      .default('')
      .superRefine((value, ctx) => {
        try {
          allowPrivateFeeds({ FEED_ALLOW_PRIVATE: value });
        } catch (err) {
          // The message names the variable already, as the path does.
          ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^FEED_ALLOW_PRIVATE: /, '') });
        }
      }),
  })
  .superRefine((c, ctx) => {
    const need = (when: boolean, key: string, message: string) => {
      if (when) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need(Boolean(c.SLACK_BOT_TOKEN) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN, 'SLACK_SIGNING_SECRET', 'expected with SLACK_BOT_TOKEN (HTTP mode), or set SLACK_APP_TOKEN (Socket Mode)');
    need(!c.SLACK_BOT_TOKEN && Boolean(c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN), 'SLACK_BOT_TOKEN', 'expected the xoxb- bot token, needed with the other SLACK_ settings');
    need(Boolean(c.DISCORD_TOKEN || c.DISCORD_PUBLIC_KEY) && !c.DISCORD_APPLICATION_ID, 'DISCORD_APPLICATION_ID', 'expected the numeric application id, needed with the other DISCORD_ settings');
    need(Boolean(c.DISCORD_INTERACTIONS_PORT) && !c.DISCORD_PUBLIC_KEY, 'DISCORD_PUBLIC_KEY', 'expected with DISCORD_INTERACTIONS_PORT, to verify requests to the HTTP interactions endpoint');
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** FEED_ALLOW_PRIVATE: whether feeds added from chat may reach private and loopback addresses. */
export function allowPrivateFeeds(env: NodeJS.ProcessEnv): boolean {
  const value = (env.FEED_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(value)) return false;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  throw new ConfigError(`FEED_ALLOW_PRIVATE: expected true or false, not "${env.FEED_ALLOW_PRIVATE}"`);
}


/** Reads KEY=VALUE lines of a .env file into `env`, without overriding what the environment already sets. */
export function loadDotEnv(path: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(path)) return;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const value = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
    if (env[m[1]!] === undefined) env[m[1]!] = value;
  }
}

/** The validated settings; every problem at once, each naming its variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
