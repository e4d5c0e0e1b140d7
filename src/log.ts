// The process-wide logger: JSON lines on stderr (so the CLI's stdout stays machine-readable).
import { pino } from 'pino';

export const log = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
