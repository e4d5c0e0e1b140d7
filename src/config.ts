// Settings from the environment (and .env), validated at start: a bad one names the variable and what it expects.
import { existsSync, readFileSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_REFRESH_SCHEDULE, parseAdminChannel, parseListSources } from './designations/list-sources.ts';
import { parseDatabaseUrl } from './store/open.ts';

/** A setting that may be left out (or empty). */
export const optional = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
/** A setting's text as a number when it is written in decimal digits, `fallback` when unset; other text is left for the schema to refuse. */
const decimal = (fallback?: number) => (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? fallback : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v;
/**
 * A number setting, `fallback` when unset; text that is no number fails with `expected` (never "received NaN"), and so does
 * a number outside the limits `check` adds: `numberSetting(HOURS, 72, (n) => n.positive(HOURS))`.
 */
export const numberSetting = (expected: string, fallback: number, check: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess(decimal(fallback), check(z.number({ error: expected })));
const PORT = 'expected a port number, from 1 to 65535';
const portNumber = () => z.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT);
/** A TCP port to listen on: `fallback` when unset, else none (the listener is off). */
export const portSetting = (fallback?: number) =>
  fallback === undefined ? z.preprocess(decimal(), portNumber().optional()) : z.preprocess(decimal(fallback), portNumber());
const HOURS = 'expected a number of hours, more than 0';
const seconds = (fallback: number, min: number) => {
  const expected = `expected a number of seconds, at least ${min}`;
  return numberSetting(expected, fallback, (n) => n.min(min, expected));
};
/** Checks a setting with the parser that reads it later, its message without the variable's name (the path names it). */
const refineWith = (parse: (value: string) => unknown, name: string) => (value: string, ctx: z.RefinementCtx) => {
  try {
    parse(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(`${name}: `, '') });
  }
};
const schema = z.object({
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

    FEEDS: z
      .string()
      .default('')
      .refine((v) => v.split(/[\s,]+/).filter(Boolean).every((url) => /^https?:\/\/[^\s]+$/i.test(url)), 'expected http(s) feed URLs separated by commas or spaces'),
    POLL_SCHEDULE: z.string().default('* * * * *').refine((v) => cron.validate(v), 'expected a cron expression such as "* * * * *" (every minute)'),
    // After a downtime, feed items published meanwhile are alerted on up to this many hours back.
    MAX_ITEM_AGE_HOURS: numberSetting(HOURS, 72, (n) => n.positive(HOURS)),
    LEADER_LEASE_SECONDS: seconds(30, 1),
    // Above the 10 s a post may take, or an alert still being posted is taken over.
    ALERT_CLAIM_TIMEOUT_SECONDS: seconds(120, 15),
    LISTS: z.string().default('').superRefine(refineWith(parseListSources, 'LISTS')),
    LIST_REFRESH_CRON: z.string().default(DEFAULT_REFRESH_SCHEDULE).refine((v) => cron.validate(v), 'expected a cron expression such as "0 6 * * *" (daily at 06:00)'),
    ADMIN_CHANNEL: z.string().default('').superRefine(refineWith(parseAdminChannel, 'ADMIN_CHANNEL')),
    // auto: a feed item that is only a title and a teaser is read from its article page (feeds.yml's fullText per feed); off: never.
    FULL_TEXT: z.enum(['auto', 'off']).default('auto'),
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
  });
// The chat platforms' settings are their adapters' (adapters/*/settings.ts), read with parseSettings below.

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

/** The validated core settings; every problem at once, each naming its variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseSettings(schema, env);
}

/** Settings read with `schema` (the core's, or an adapter's); every problem at once, each naming its variable and what it expects. */
export function parseSettings<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
