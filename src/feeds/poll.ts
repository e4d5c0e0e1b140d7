// One poll of one feed: fetch, parse, the items not seen before, and the feed's next state (backoff, disabling).
import type { Store } from '../store/store.ts';
import { type Feed, FeedError, type FeedItem, type FeedState, FROM_DEMO } from './feed.ts';
import { type FetchOptions, type Validators, fetchFeed } from './fetch.ts';
import { MAX_NEW_ITEMS_PER_POLL, capItemText } from './limits.ts';
import { type ParsedFeed, parseFeed } from './parse.ts';

export interface PollSettings {
  fetchOptions: FetchOptions;
  intervalMinutes: number;
  /** Consecutive failures after which a feed is disabled. */
  maxFailures?: number;
  /** The longest a failing feed waits between polls. */
  maxBackoffMinutes?: number;
  /**
   * Items dated longer ago than this are recorded as seen without alerting: after a downtime, what a feed published
   * meanwhile is caught up on this far back. Undated items count as new. None: no limit.
   */
  maxItemAgeHours?: number;
}

const POLL_DEFAULTS = { maxFailures: 10, maxBackoffMinutes: 6 * 60 };

export interface PollResult {
  /**
   * New items to scan and alert on: none on a feed's first poll, none older than maxItemAgeHours, at most
   * MAX_NEW_ITEMS_PER_POLL, each with its text cut to the limits (capItemText).
   */
  items: FeedItem[];
  /** What went past a limit in this poll, for the feed's flag: null when nothing did. */
  flood: Flood | null;
  /** Keys to record as seen: every new item's, alerted or not. */
  newKeys: string[];
  state: FeedState;
  /** This poll disabled the feed: the channels that added it should be told. */
  disabled: boolean;
  /** Why the poll failed, or null. */
  error: string | null;
}

/** How a poll went past the limits: the feed served more than could be parsed, more new items than are read. */
export interface Flood {
  /** Only the first MAX_PARSED_ITEMS items of the feed were parsed. */
  truncated: boolean;
  /** New items this poll, and how many of them were recorded as seen unread. */
  newItems: number;
  unread: number;
}

export type FeedRead = { kind: 'not-modified' } | { kind: 'ok'; feed: ParsedFeed; validators: Validators };

/** Fetches and parses a feed; a FeedError says why it could not. */
export async function readFeed(feed: Pick<Feed, 'url'> & Validators, fetchOptions: FetchOptions): Promise<FeedRead> {
  const fetched = await fetchFeed(feed.url, feed, fetchOptions);
  if (fetched.kind === 'not-modified') return fetched;
  const parsed = await parseFeed(fetched.body, fetched.contentType, fetched.finalUrl);
  return { kind: 'ok', feed: parsed, validators: { etag: fetched.etag, lastModified: fetched.lastModified } };
}

export async function pollFeed(feed: Feed, deps: PollSettings & { store: Store; now: Date }): Promise<PollResult> {
  let read: FeedRead;
  try {
    read = await readFeed(feed, deps.fetchOptions);
  } catch (err) {
    return failedPoll(feed, err instanceof FeedError ? err.message : `unexpected error: ${String(err)}`, deps.now, deps);
  }
  const state = successState(read, deps.now, deps.intervalMinutes);
  if (read.kind === 'not-modified') return { items: [], flood: null, newKeys: [], state, disabled: false, error: null };

  const all = read.feed.items;
  const seen = await deps.store.seenItemKeys(feed.id, all.map((i) => i.key));
  const fresh = all.filter((i) => !seen.has(i.key));
  // A feed's first poll records what it already holds without alerting: adding a feed must not flood channels.
  const firstPoll = feed.lastSuccessAt === null && seen.size === 0 && feed.addedBy !== FROM_DEMO;
  // Any other feed polled before catches up, however long ago that was. The demo's articles, dated December 2021
  // on purpose, are news at any age.
  const recent = feed.addedBy === FROM_DEMO ? fresh : fresh.filter((i) => isRecent(i, deps.now, deps.maxItemAgeHours));
  const news = firstPoll ? [] : recent;
  // Past the limit, new items are recorded as seen unread: a feed cannot queue a backlog that floods every later poll.
  const items = news.slice(0, MAX_NEW_ITEMS_PER_POLL).map(capItemText);
  const flood = read.feed.truncated || items.length < news.length ? { truncated: read.feed.truncated, newItems: news.length, unread: news.length - items.length } : null;
  return { items, flood, newKeys: fresh.map((i) => i.key), state, disabled: false, error: null };
}

function isRecent(item: FeedItem, now: Date, maxAgeHours: number | undefined): boolean {
  return maxAgeHours === undefined || item.published === null || Date.parse(item.published) >= now.getTime() - maxAgeHours * 3_600_000;
}

/** The state after a successful read: failures cleared, the validators and title of what was read. */
export function successState(read: FeedRead, now: Date, intervalMinutes: number): FeedState {
  const fromBody = read.kind === 'ok' ? { ...read.validators, ...(read.feed.title && { title: read.feed.title }) } : {};
  return { status: 'active', failures: 0, lastError: null, lastSuccessAt: now.toISOString(), nextPollAt: minutesAfter(now, intervalMinutes), ...fromBody };
}

/**
 * A failed poll: the wait doubles with each consecutive failure (interval × 2^failures, capped),
 * and the feed is disabled at maxFailures.
 */
export function failedPoll(feed: Feed, error: string, now: Date, settings: PollSettings): PollResult {
  const failures = feed.failures + 1;
  const disabled = failures >= (settings.maxFailures ?? POLL_DEFAULTS.maxFailures);
  const wait = Math.min(settings.intervalMinutes * 2 ** failures, settings.maxBackoffMinutes ?? POLL_DEFAULTS.maxBackoffMinutes);
  const state: FeedState = { status: disabled ? 'disabled' : 'failing', failures, lastError: error, nextPollAt: minutesAfter(now, wait) };
  return { items: [], flood: null, newKeys: [], state, disabled: disabled && feed.status !== 'disabled', error };
}

/** The longest a poll sets a feed to wait for its next one: its interval, or the backoff's cap. */
export function longestWaitMinutes(settings: Pick<PollSettings, 'intervalMinutes' | 'maxBackoffMinutes'>): number {
  return Math.max(settings.intervalMinutes, settings.maxBackoffMinutes ?? POLL_DEFAULTS.maxBackoffMinutes);
}

function minutesAfter(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
