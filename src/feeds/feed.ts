// A feed the bot polls, and where its polling stands.

export type FeedStatus = 'active' | 'failing' | 'disabled';

export interface Feed {
  id: number;
  /** GLOBAL_TENANT for the operator's feeds, else the tenant that added it from chat (tenant.ts). */
  tenant: string;
  url: string;
  title: string | null;
  /** Who added it (a user id, FROM_CONFIG or FROM_DEMO), and in which channel (`platform:channel`, or the same constant). */
  addedBy: string;
  addedInChannel: string;
  etag: string | null;
  lastModified: string | null;
  status: FeedStatus;
  /** Consecutive failed polls. */
  failures: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** ISO time of the next poll; null: at the next tick. */
  nextPollAt: string | null;
  createdAt: string;
  /** The last poll that went past a limit (feeds/limits.ts), and what it was, in words; null when none has. */
  floodedAt: string | null;
  floodNote: string | null;
  /** Article pages read in full for its items (full-text.ts), and those that could not be, since it was added. */
  pagesRead: number;
  pagesFailed: number;
  /** Why the last page that failed did, and its link. */
  lastPageError: string | null;
}

/** `addedBy` of the feeds the operator configured (FEEDS, feeds.yml, the default set). */
export const FROM_CONFIG = 'config';
/** `addedBy` of the bundled demo feeds: unlike any other feed, their first poll alerts, so a demo shows alerts at once. */
export const FROM_DEMO = 'demo';

/** Without `tenant`: GLOBAL_TENANT, the operator's. */
export type NewFeed = Pick<Feed, 'url' | 'title' | 'addedBy' | 'addedInChannel' | 'createdAt'> & Partial<Pick<Feed, 'tenant'>>;

/** What a poll changes about a feed. */
export type FeedState = Partial<Pick<Feed, 'title' | 'etag' | 'lastModified' | 'status' | 'failures' | 'lastSuccessAt' | 'lastError' | 'nextPollAt' | 'floodedAt' | 'floodNote'>>;

/** One article in a feed, as the mentions scanner and the alerts read it. */
export interface FeedItem {
  /**
   * What "seen before" is judged by, per feed: the item's own id (RSS guid, Atom id), else its link,
   * else `hash:` and a SHA-256 of title and date (see itemKey in parse.ts).
   */
  key: string;
  title: string;
  /** Absolute http(s) URL, or null when the item has none usable. */
  link: string | null;
  /** ISO timestamp, or null when the feed gives no readable date. */
  published: string | null;
  /** As the feed gives them: often HTML, which the mentions scanner strips. */
  summary: string;
  content: string;
  feedTitle: string;
}

/** A feed that cannot be fetched or read; the message is short enough to show a user ("HTTP 500", "timed out after 15 s"). */
export class FeedError extends Error {
  override name = 'FeedError';
}
