// Takes each channel's daily digest once it is due, on a node-cron tick every minute: a digest due while the bot was down goes at the first tick back.
import { log } from '../log.ts';
import { scheduleJob } from '../schedule.ts';
import type { Store } from '../store/store.ts';
import { type MessageFits, digestMessages, duePeriod } from './digest.ts';

export interface DigestOptions {
  store: Store;
  /** Asked at each tick: false skips it (another process leads). */
  shouldRun?: () => boolean;
  /** Default: the clock. */
  now?: () => Date;
  /** By platform: whether a digest message goes whole (from each adapter); a platform not named takes up to 25 cards. */
  fits?: Readonly<Record<string, MessageFits>>;
}

/**
 * Queues the digest of every channel whose latest due period is after the last one taken: at most one per channel,
 * however many days the bot was down (the held alerts of them all go in it). Returns the messages queued.
 */
export async function takeDueDigests(options: DigestOptions): Promise<number> {
  const { store } = options;
  const now = (options.now ?? (() => new Date()))();
  let queued = 0;
  for (const schedule of await store.digestSchedules()) {
    try {
      const period = duePeriod(schedule, now);
      if (period <= schedule.lastPeriod) continue;
      queued += await store.takeDigest(schedule, period, now.toISOString(), (held) => digestMessages(schedule, period, held, options.fits?.[schedule.platform]));
    } catch (err) {
      // One channel's failure (a zone this Node no longer knows, the database gone a moment) leaves it for the next tick.
      log.error({ err, platform: schedule.platform, channel: schedule.channelId }, 'could not take a digest; tried again next minute');
    }
  }
  return queued;
}

export interface Digests {
  stop(): Promise<void>;
}

/** Schedules takeDueDigests every minute; a tick still running when the next is due makes it skip. */
export function startDigests(options: DigestOptions): Digests {
  const job = scheduleJob({ name: 'digest', schedule: '* * * * *', shouldRun: options.shouldRun, run: () => takeDueDigests(options) });
  return { stop: job.stop };
}
