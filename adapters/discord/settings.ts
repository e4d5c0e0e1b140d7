// The Discord adapter's settings (DISCORD_*), from the environment, validated: a bad one names the variable and what it expects.
import { z } from 'zod';
import { optional, parseSettings, portSetting } from '../../src/config.ts';

const schema = z
  .object({
    DISCORD_TOKEN: optional(z.string().min(50, 'expected the bot token from the Developer Portal')),
    DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{17,20}$/, 'expected the numeric application id')),
    DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-f]{64}$/i, 'expected the 64 hex characters of the app\'s public key')),
    DISCORD_GUILD_ID: optional(z.string().regex(/^\d{17,20}$/, 'expected a numeric server (guild) id')),
    DISCORD_GATEWAY: z.enum(['on', 'off']).default('on'),
    DISCORD_INTERACTIONS_PORT: portSetting(),
    DISCORD_API_URL: optional(z.string().url('expected a URL such as https://discord.com/api')),
    DISCORD_SHARDS: optional(z.string().regex(/^(auto|[1-9]\d*)$/, 'expected auto or a number of shards')),
  })
  .superRefine((c, ctx) => {
    const need = (when: boolean, key: string, message: string) => {
      if (when) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need(Boolean(c.DISCORD_TOKEN || c.DISCORD_PUBLIC_KEY) && !c.DISCORD_APPLICATION_ID, 'DISCORD_APPLICATION_ID', 'expected the numeric application id, needed with the other DISCORD_ settings');
    need(Boolean(c.DISCORD_SHARDS) && (!c.DISCORD_TOKEN || c.DISCORD_GATEWAY === 'off'), 'DISCORD_SHARDS', 'expected only with DISCORD_TOKEN and DISCORD_GATEWAY=on: shards are gateway connections');
    need(Boolean(c.DISCORD_INTERACTIONS_PORT) && !c.DISCORD_PUBLIC_KEY, 'DISCORD_PUBLIC_KEY', 'expected with DISCORD_INTERACTIONS_PORT, to verify requests to the HTTP interactions endpoint');
  });

export type DiscordSettings = z.infer<typeof schema>;

export function discordSettings(env: NodeJS.ProcessEnv = process.env): DiscordSettings {
  return parseSettings(schema, env);
}
