// The store's port: what the core asks of the database, whichever dialect serves it.
import type { NewOutboxAlert, OutboxAlert } from '../alerts/outbox.ts';
import type { NewSubscription, Subscription } from '../alerts/subscription.ts';
import type { Feed, FeedState, NewFeed } from '../feeds/feed.ts';
import type { DesignationEvent, Entity } from '../designations/model.ts';

/** One imported version of a list. */
export interface ListVersion {
  /** `ofac-sdn`, `ofac-cons`, or `os-<dataset>`. */
  id: string;
  name: string;
  /** Where it was read from: file paths or URLs, joined by ' + '. */
  source: string;
  /** YYYY-MM-DD of the list's content where known (else the import day). */
  versionDate: string;
  /** ISO timestamp of the import. */
  importedAt: string;
  entityCount: number;
  /** A hash of the imported content: re-importing the same content is a no-op. */
  contentHash: string;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Every entity currently listed, on every list (or on one list). */
  loadEntities(listId?: string): Promise<Entity[]>;
  getEntity(id: string): Promise<Entity | null>;
  countEntities(): Promise<number>;
  listVersions(): Promise<ListVersion[]>;
  /**
   * Makes `entities` the whole content of list `version.id` and records `events`, in one
   * transaction: entities absent from `entities` are deleted, the others upserted.
   */
  applyListVersion(version: ListVersion, entities: Entity[], events: DesignationEvent[]): Promise<void>;
  /** Designation events, newest first; of one entity when given. */
  events(entityId?: string): Promise<(DesignationEvent & { id: number })[]>;
  /** Adds a subscription; false when the channel already had it. */
  addSubscription(subscription: NewSubscription): Promise<boolean>;
  /** Removes one; false when the channel had no such subscription. */
  removeSubscription(key: Pick<Subscription, 'platform' | 'channelId' | 'kind' | 'value'>): Promise<boolean>;
  /** Subscriptions in creation order: of one channel, or all. */
  subscriptions(channel?: Pick<Subscription, 'platform' | 'channelId'>): Promise<Subscription[]>;

  /** Adds a feed; the existing one when its URL is already polled. */
  addFeed(feed: NewFeed): Promise<{ feed: Feed; created: boolean }>;
  removeFeed(url: string): Promise<boolean>;
  feeds(): Promise<Feed[]>;
  updateFeed(id: number, state: FeedState): Promise<void>;
  /** Of `keys`, those already recorded as seen for the feed. */
  seenItemKeys(feedId: number, keys: string[]): Promise<Set<string>>;
  /**
   * One poll's outcome, in one transaction: the items marked seen, the alerts they cause put in the
   * outbox (an alert whose dedupe key is there already is dropped), and the feed's new state.
   */
  recordPoll(feedId: number, itemKeys: string[], alerts: NewOutboxAlert[], state: FeedState, now: string): Promise<void>;
  /** Puts alerts in the outbox outside a poll (list changes); duplicates by dedupe key are dropped. */
  enqueueAlerts(alerts: NewOutboxAlert[], now: string): Promise<void>;
  /**
   * Claims up to `limit` alerts due at `now` for `worker`, oldest first: pending ones, and ones
   * another worker claimed before `staleBefore` and never finished (it died). Two workers never
   * claim the same alert. Only the oldest unfinished alert of each channel is claimable, so a
   * channel's alerts are sent in order, one at a time, even across workers.
   */
  claimAlerts(worker: string, limit: number, now: string, staleBefore: string): Promise<OutboxAlert[]>;
  markAlertSent(id: number, now: string): Promise<void>;
  /** Back to pending, to be tried again at `nextAttemptAt`; or 'dead' when it must never be tried again. */
  markAlertFailed(id: number, error: string, nextAttemptAt: string | null): Promise<void>;
  /** Back to pending until `until`, the claim not counted as an attempt: the platform asked to wait (a rate limit). */
  deferAlert(id: number, reason: string, until: string): Promise<void>;
  /** Alerts not yet sent, and the oldest's creation time. */
  outboxDepth(): Promise<{ pending: number; oldest: string | null }>;
  /** Pauses every subscription of a channel the bot can no longer post to. */
  pauseChannel(platform: string, channelId: string, now: string): Promise<void>;
  close(): Promise<void>;
}
