// A feed the bot polls, and where its polling stands.

export type FeedStatus = 'active' | 'failing' | 'disabled';

export interface Feed {
  id: number;
  url: string;
  title: string | null;
  /** Who added it ('config' for feeds from FEEDS or feeds.yml), and in which channel (`platform:channel`, or 'config'). */
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
}

export type NewFeed = Pick<Feed, 'url' | 'title' | 'addedBy' | 'addedInChannel' | 'createdAt'>;

/** What a poll changes about a feed. */
export type FeedState = Partial<Pick<Feed, 'title' | 'etag' | 'lastModified' | 'status' | 'failures' | 'lastSuccessAt' | 'lastError' | 'nextPollAt'>>;
