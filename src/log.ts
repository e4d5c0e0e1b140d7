// The process-wide logger: JSON lines on stderr (so the CLI's stdout stays machine-readable), or short human lines in the local console.
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

const jsonLines = pino.destination(2);
let forPeople = false;

/** A JSON log line as a person reads it at a prompt: `warning: feed poll failed (feed: https://…, error: timeout)`. */
export function humanLogLine(line: string): string {
  const { level, time: _time, pid: _pid, hostname: _host, msg, err, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const severity = typeof level === 'number' && level >= 50 ? 'error' : typeof level === 'number' && level >= 40 ? 'warning' : 'note';
  const error = err && typeof err === 'object' && 'message' in err ? { error: (err as { message: unknown }).message } : {};
  const details = Object.entries({ ...fields, ...error })
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  // One line, and nothing a feed or list wrote may move the cursor or reorder the text on the terminal.
  const text = `${severity}: ${String(msg ?? '')}${details ? ` (${details})` : ''}`
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  return `${text.length > 240 ? `${text.slice(0, 239)}…` : text}\n`;
}

export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', hooks: { streamWrite: withoutCredentials } },
  { write: (line: string) => (forPeople ? process.stderr.write(humanLogLine(line)) : jsonLines.write(line)) },
);

/**
 * For the local console: log lines become short human lines, and below a warning only when LOG_LEVEL asks for them,
 * so that no JSON lands on the prompt.
 */
export function logForPeople(): void {
  forPeople = true;
  if (process.env.LOG_LEVEL === undefined) log.level = 'warn';
}

/** node-cron's logger: its chatter at debug, its errors naming the schedule. */
export function cronLogger(schedule: string) {
  return {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, schedule),
    debug: (message: string | Error) => log.debug(String(message)),
  };
}
