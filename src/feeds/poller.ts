// Polls the feeds that are due, on a node-cron schedule: a few at a time, each on its own deadline, so one bad feed never holds up the rest.
import { hourOf, limitFeedAlerts } from '../alerts/feed-flood.ts';
import { STORY_MERGE } from '../alerts/story.ts';
import type { NewOutboxAlert } from '../alerts/outbox.ts';
import { log } from '../log.ts';
import { scheduleJob } from '../schedule.ts';
import type { Store } from '../store/store.ts';
import type { Feed, FeedItem, FeedState } from './feed.ts';
import type { FetchOptions } from './fetch.ts';
import { MAX_ALERTS_PER_CHANNEL_FEED_HOUR, MAX_NEW_ITEMS_PER_POLL, MAX_PARSED_ITEMS } from './limits.ts';
import { type Flood, type PollResult, failedPoll, longestWaitMinutes, pollFeed } from './poll.ts';

/** Minutes between two polls of a feed unless feeds.yml says otherwise. */
export const DEFAULT_INTERVAL_MINUTES = 5;
/** The latest a tick's alerts go out should the tick never end (its process died). */
const HOLD_MINUTES = 15;

export interface PollerOptions {
  store: Store;
  /** Turns a feed's new items into the alerts they cause (mention scanning, subscription matching). */
  process: (feed: Feed, items: FeedItem[]) => Promise<NewOutboxAlert[]>;
  /** How a feed may be fetched: which addresses it may reach depends on who added it. */
  fetchOptions: (feed: Feed) => FetchOptions;
  /** Minutes between polls of a feed; default 5. */
  intervalMinutes?: number;
  /** Per-feed intervals by URL (feeds.yml), over intervalMinutes. */
  intervals?: ReadonlyMap<string, number>;
  /**
   * Feeds polled at once; default 16. Polling waits on distant hosts far more than it computes: at about a second a
   * feed, 4 at once took 4.5 of 5 minutes for a thousand feeds, 16 a little over one (BENCHMARKS.md, Feed polling).
   */
  concurrency?: number;
  /** For one feed's whole poll, alerts included; default 60 s. */
  feedTimeoutMs?: number;
  maxFailures?: number;
  /** Items dated longer ago are recorded as seen without alerting (PollSettings.maxItemAgeHours); none: no limit. */
  maxItemAgeHours?: number;
  now?: () => Date;
  /** Told when a poll disabled a feed, to let the channels that added it know. */
  onDisabled?: (feed: Feed, error: string) => Promise<void> | void;
}

export interface FeedOutcome {
  feed: Feed;
  newItems: number;
  /** Queued: one by one within the hourly limit, then a summary per channel of those folded. */
  alerts: number;
  /** Past the hourly limit, folded into summaries. */
  folded: number;
  error: string | null;
  disabled: boolean;
}

export interface Poller {
  /** Runs a tick now, or joins the one running. */
  pollNow(): Promise<FeedOutcome[]>;
  /** Stops the schedule and waits for a running tick to finish. */
  stop(): Promise<void>;
}

type Resolved = PollerOptions & Required<Pick<PollerOptions, 'intervalMinutes' | 'concurrency' | 'feedTimeoutMs' | 'now'>>;

/** One tick: polls every feed whose next poll is due and not disabled. */
export async function pollDueFeeds(options: PollerOptions): Promise<FeedOutcome[]> {
  const o: Resolved = {
    ...options,
    intervalMinutes: options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    concurrency: options.concurrency ?? 16,
    feedTimeoutMs: options.feedTimeoutMs ?? 60_000,
    now: options.now ?? (() => new Date()),
  };
  const now = o.now();
  const due = (await o.store.feeds()).filter((f) => isDue(f, now, o));
  // A tick's alerts wait for the tick's end, so that one story carried by several feeds goes out as one alert
  // listing them all, however long the slowest of them takes.
  const heldUntil = new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString();
  const outcomes = await eachLimited(due, o.concurrency, (feed) => pollOne(feed, o, heldUntil));
  if (outcomes.some((outcome) => outcome.alerts > 0)) {
    await o.store.releaseAlerts(heldUntil, o.now().toISOString()).catch((err: unknown) => log.error({ err, heldUntil }, 'could not release the alerts held for this poll: they go out at heldUntil'));
  }
  return outcomes;
}

/**
 * Due at its next poll time, or when that lies further ahead than any wait a poll sets: a clock that has since gone
 * back set it, and the feed is not left unpolled for as long as the jump.
 */
function isDue(feed: Feed, now: Date, o: Resolved): boolean {
  if (feed.status === 'disabled') return false;
  if (feed.nextPollAt === null || feed.nextPollAt <= now.toISOString()) return true;
  return Date.parse(feed.nextPollAt) > now.getTime() + longestWaitMinutes({ intervalMinutes: intervalOf(feed, o) }) * 60_000;
}

function intervalOf(feed: Feed, o: Resolved): number {
  return o.intervals?.get(feed.url) ?? o.intervalMinutes;
}

export interface ScheduleOptions {
  /** node-cron expression of the ticks (default every minute). */
  schedule?: string;
  /** Asked at each tick: false skips it (another process leads the polling). */
  shouldPoll?: () => boolean;
}

/** Schedules pollDueFeeds with node-cron (every minute by default); a tick still running when the next is due makes it skip. */
export function startPoller(options: PollerOptions & ScheduleOptions): Poller {
  const job = scheduleJob({ name: 'feed poll', schedule: options.schedule ?? '* * * * *', shouldRun: options.shouldPoll, run: () => pollDueFeeds(options) });
  return { pollNow: job.runNow, stop: job.stop };
}

/** Never throws: whatever goes wrong is this feed's failure, recorded, and the tick goes on. */
async function pollOne(feed: Feed, o: Resolved, heldUntil: string): Promise<FeedOutcome> {
  const now = o.now();
  const settings = { fetchOptions: o.fetchOptions(feed), intervalMinutes: intervalOf(feed, o), maxFailures: o.maxFailures, maxItemAgeHours: o.maxItemAgeHours };
  try {
    const { poll, alerts } = await withTimeout(o.feedTimeoutMs, async () => {
      const poll = await pollFeed(feed, { ...settings, store: o.store, now });
      return { poll, alerts: poll.items.length ? await o.process(feed, poll.items) : [] };
    });
    const limited = limitFeedAlerts(feed, alerts, alerts.length ? await o.store.feedAlertCounts(feed.id, hourOf(now)) : [], now);
    const state = { ...poll.state, ...floodState(poll.flood, limited.folded, now) };
    // Seen items, their alerts, the hour's alert counts and the feed's state in one transaction: a crash loses or repeats nothing.
    await o.store.recordPoll(feed.id, poll.newKeys, limited.alerts, state, now.toISOString(), heldUntil, limited, STORY_MERGE);
    if (poll.error) log.info({ feed: feed.url, error: poll.error, failures: poll.state.failures }, 'feed poll failed');
    if (state.floodNote) log.warn({ feed: feed.url, flood: state.floodNote }, 'feed went past its limits');
    await notifyDisabled(feed, poll, o);
    return { feed, newItems: poll.items.length, alerts: limited.alerts.length, folded: limited.folded, error: poll.error, disabled: poll.disabled };
  } catch (err) {
    // A poll that ran out of time, an alerts pipeline that threw, a store that failed: still this feed's failed poll.
    log.warn({ err, feed: feed.url }, 'feed poll failed unexpectedly');
    const result = failedPoll(feed, err instanceof Error ? err.message : String(err), now, settings);
    try {
      await o.store.updateFeed(feed.id, result.state);
      await notifyDisabled(feed, result, o);
    } catch (storeErr) {
      log.error({ err: storeErr, feed: feed.url }, 'could not record a failed feed poll');
    }
    return { feed, newItems: 0, alerts: 0, folded: 0, error: result.error, disabled: result.disabled };
  }
}

/** The feed's flag when this poll went past a limit; nothing (the last flag kept) when it did not. */
function floodState(flood: Flood | null, folded: number, now: Date): FeedState {
  if (!flood && !folded) return {};
  const parts = [
    flood?.truncated && `more than ${count(MAX_PARSED_ITEMS, 'item')} in the feed, only the first read`,
    flood?.unread && `${count(flood.newItems, 'new item')}, ${flood.unread.toLocaleString('en-US')} recorded unread (at most ${MAX_NEW_ITEMS_PER_POLL} a poll)`,
    folded && `${count(folded, 'alert')} folded into one summary per channel (at most ${MAX_ALERTS_PER_CHANNEL_FEED_HOUR} an hour)`,
  ];
  return { floodedAt: now.toISOString(), floodNote: parts.filter(Boolean).join('; ') };
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The poll is recorded by now: a notice that fails is logged, not counted against the feed. */
async function notifyDisabled(feed: Feed, result: PollResult, o: Resolved): Promise<void> {
  if (!result.disabled) return;
  log.warn({ feed: feed.url, error: result.error }, 'feed disabled after repeated failures');
  try {
    await o.onDisabled?.(feed, result.error ?? 'failed');
  } catch (err) {
    log.error({ err, feed: feed.url }, 'could not tell the channels that a feed was disabled');
  }
}

async function withTimeout<T>(ms: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([run(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` over `items` with at most `limit` running at once; results in input order. */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
