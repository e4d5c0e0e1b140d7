// The process-wide logger: JSON lines on stderr (so the CLI's stdout stays machine-readable).
import { pino } from 'pino';

// Credentials that can turn up inside what is logged (an error's message or URL, a header), by their shape: each line
// is cleaned of them as it is written, wherever in it they are.
const CREDENTIALS: readonly [RegExp, string][] = [
  // Discord interaction tokens, in webhook and callback routes: /webhooks/{app}/{token}/..., /interactions/{id}/{token}/callback.
  [/(\/(?:webhooks|interactions)\/\d+\/)[\w.-]{20,}/g, '$1[redacted]'],
  // Slack response URLs: https://hooks.slack.com/commands/T…/…/{secret}.
  [/(hooks\.slack\.com\/[a-z]+\/)[^\s"?]+/g, '$1[redacted]'],
  [/\b(Bot|Bearer) [\w.-]{20,}/g, '$1 [redacted]'],
  [/\bx(?:ox[abpsr]|app)-[\w-]+/g, '[redacted Slack token]'],
  // Discord bot tokens: base64 user id, timestamp, signature.
  [/\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g, '[redacted Discord token]'],
  // A password in a URL (DATABASE_URL).
  [/(\b[a-z][\w+.-]*:\/\/[^\s:/@"]+:)[^\s@/"]+@/gi, '$1[redacted]@'],
];

export function withoutCredentials(line: string): string {
  return CREDENTIALS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

export const log = pino({ level: process.env.LOG_LEVEL ?? 'info', hooks: { streamWrite: withoutCredentials } }, pino.destination(2));

/** node-cron's logger: its chatter at debug, its errors naming the schedule. */
export function cronLogger(schedule: string) {
  return {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, schedule),
    debug: (message: string | Error) => log.debug(String(message)),
  };
}
