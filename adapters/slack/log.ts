// The Slack adapter's log lines, and Bolt's, in the process's logger, marked adapter=slack.
import { format } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';
import { log } from '../../src/log.ts';

export const slackLog = log.child({ adapter: 'slack' });

const BOLT_LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** For Bolt, its Web API client and Socket Mode client, which take a Logger of their own shape. */
export function boltLogger(): Logger {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...message: unknown[]) =>
      slackLog[level](format(...message));
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    // The level is LOG_LEVEL's, for the whole process.
    setLevel: () => {},
    getLevel: () => BOLT_LEVELS[slackLog.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
