// How a polled feed is doing, in words, for `/sanctions feeds` and `/sanctions status`.
import type { Feed } from '../src/feeds/feed.ts';
import { count, when } from './format.ts';

/**
 * `details` adds what reveals the bot's configuration (a feed's URL, its last error), for members
 * who may manage the channel; others see the feed's own title.
 */
export function feedName(feed: Feed, details: boolean): string {
  if (!details) return feed.title ?? `untitled feed ${feed.id}`;
  return feed.title ? `${feed.title} (${feed.url})` : feed.url;
}

/** A feed that went past a limit (too many items, alerts folded) in the last day is flagged as flooding. */
const FLOOD_FLAG_HOURS = 24;

export function isFlooding(feed: Feed, now = new Date()): boolean {
  return feed.floodedAt !== null && Date.parse(feed.floodedAt) > now.getTime() - FLOOD_FLAG_HOURS * 3_600_000;
}

export function feedState(feed: Feed, details: boolean, now = new Date()): string {
  const state = pollingState(feed, details);
  return isFlooding(feed, now) ? `${state}; FLOODING, last ${when(feed.floodedAt!)}: ${feed.floodNote}` : state;
}

function pollingState(feed: Feed, details: boolean): string {
  const last = feed.lastSuccessAt ? `last read ${when(feed.lastSuccessAt)}` : 'never read yet';
  const next = `next ${feed.nextPollAt ? when(feed.nextPollAt) : 'at the next tick'}`;
  const failures = `${count(feed.failures, 'failure')} in a row`;
  const error = details && feed.lastError ? feed.lastError : null;
  switch (feed.status) {
    case 'active':
      return `ok, ${last}, ${next}`;
    case 'failing':
      return `failing (${failures}${error ? `: ${error}` : ''}), ${last}, ${next}`;
    case 'disabled':
      return `disabled after ${failures}${error ? ` (${error})` : ''}, ${last}; adding it again retries it`;
  }
}

/** Its article pages (read in full for teaser items), or null when none was tried: "article pages: 12 read, 2 failed (last: HTTP 404: <link>)". */
export function pagesState(feed: Feed, details: boolean): string | null {
  if (!feed.pagesRead && !feed.pagesFailed) return null;
  const last = details && feed.pagesFailed && feed.lastPageError ? ` (last: ${feed.lastPageError})` : '';
  return `article pages: ${feed.pagesRead.toLocaleString('en-US')} read, ${feed.pagesFailed.toLocaleString('en-US')} failed${last}`;
}
