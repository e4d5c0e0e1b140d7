// Number settings as people mistype them: each refused with the variable and what it expects, never "received NaN".
import { describe, expect, it } from 'vitest';
import { loadConfig as loadCore } from '../src/config.ts';
import { chatSettings } from './helpers/chat-settings.ts';

/** The core's settings and both adapters' (SLACK_*, DISCORD_*), as the bot reads them at start. */
const loadConfig = (env: Record<string, string>) => ({ ...loadCore(env), ...chatSettings(env) });

/** Every problem of the core's and the adapters' settings, in one message as the start reports them. */
const problems = (env: Record<string, string>) => {
  const lines = [() => loadCore(env), () => chatSettings(env)].flatMap((load) => {
    try {
      load();
      return [];
    } catch (err) {
      return (err as Error).message.split('\n').slice(1);
    }
  });
  return lines.length ? `Invalid configuration:\n${lines.join('\n')}` : 'accepted';
};

describe('number settings', () => {
  it('say that a port must be a port number, for text, fractions and numbers out of range alike', () => {
    for (const value of ['abc', '30o0', '3000.5', '0', '70000', '-1', '0x10', 'Infinity']) {
      expect(problems({ SLACK_PORT: value })).toBe('Invalid configuration:\n  SLACK_PORT: expected a port number, from 1 to 65535');
    }
    expect(problems({ DISCORD_INTERACTIONS_PORT: 'eighty', DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123456789012345678' })).toBe(
      'Invalid configuration:\n  DISCORD_INTERACTIONS_PORT: expected a port number, from 1 to 65535',
    );
  });

  it('name every bad one at once, hours and seconds too', () => {
    const message = problems({ SLACK_PORT: 'abc', MAX_ITEM_AGE_HOURS: 'a day', LEADER_LEASE_SECONDS: 'soon' });
    expect(message).not.toMatch(/NaN|received/);
    expect(message).toContain('SLACK_PORT: expected a port number, from 1 to 65535');
    expect(message).toContain('MAX_ITEM_AGE_HOURS: expected a number of hours, more than 0');
    expect(message).toContain('LEADER_LEASE_SECONDS: expected a number of seconds, at least 1');
  });

  it('read numbers written with spaces around or a decimal point, and fall back when unset or empty', () => {
    expect(loadConfig({ SLACK_PORT: ' 8080 ', MAX_ITEM_AGE_HOURS: '1.5', LEADER_LEASE_SECONDS: '' })).toMatchObject({
      SLACK_PORT: 8080,
      MAX_ITEM_AGE_HOURS: 1.5,
      LEADER_LEASE_SECONDS: 30,
    });
    expect(loadConfig({})).toMatchObject({ SLACK_PORT: 3000, MAX_ITEM_AGE_HOURS: 72 });
    expect(loadConfig({}).DISCORD_INTERACTIONS_PORT).toBeUndefined();
  });
});
