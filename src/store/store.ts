// The store's port: what the core asks of the database, whichever dialect serves it.
import type { NewOutboxAlert, OutboxAlert, OutboxStatus } from '../alerts/outbox.ts';
import type { StoredStory, StoryWrites } from '../alerts/story.ts';
import type { DigestSchedule } from '../alerts/digest.ts';
import type { FeedAlertCount, LimitedAlerts } from '../alerts/feed-flood.ts';
import type { NewSubscription, Subscription } from '../alerts/subscription.ts';
import type { Feed, FeedState, NewFeed } from '../feeds/feed.ts';
import type { DesignationEvent, Entity } from '../designations/model.ts';
import type { AlertMention, NewVerdict, Verdict } from '../alerts/verdicts.ts';

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

/** Alerts not sent yet, whose message may still change: waiting to go out, or for the channel's digest. */
export const UNSENT: readonly OutboxStatus[] = ['pending', 'digest'];

/**
 * How a poll's alerts about news stories merge with the stories their channels already have (alerts/story.ts): the
 * store reads the stories and writes what the merge decides, in the poll's transaction.
 */
export interface StoryMerge {
  /** How long a channel's stories are kept to merge later items into. */
  keepDays: number;
  merge(alerts: readonly NewOutboxAlert[], stored: readonly StoredStory[], now: string): StoryWrites;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Every entity currently listed, on every list (or on one list). */
  loadEntities(listId?: string): Promise<Entity[]>;
  getEntity(id: string): Promise<Entity | null>;
  countEntities(): Promise<number>;
  listVersions(): Promise<ListVersion[]>;
  /**
   * Makes `entities` the whole content of list `version.id`, records `events` and puts `alerts` in
   * the outbox (dropping those whose dedupe key is there already), in one transaction: entities
   * absent from `entities` are deleted, the others upserted.
   */
  applyListVersion(version: ListVersion, entities: Entity[], events: DesignationEvent[], alerts?: NewOutboxAlert[]): Promise<void>;
  /** Designation events, newest first; of one entity when given. */
  events(entityId?: string): Promise<(DesignationEvent & { id: number })[]>;
  /** The 'removed' events (delistings), newest first: what finds an entity no longer on any list. */
  removals(): Promise<(DesignationEvent & { id: number })[]>;
  /** Adds a subscription; false when the channel already had it. */
  addSubscription(subscription: NewSubscription): Promise<boolean>;
  /** Removes one; false when the channel had no such subscription. */
  removeSubscription(key: Pick<Subscription, 'platform' | 'channelId' | 'kind' | 'value'>): Promise<boolean>;
  /** Sets how one subscription delivers; false when the channel has no such subscription. */
  setDelivery(key: Pick<Subscription, 'platform' | 'channelId' | 'kind' | 'value'>, delivery: Required<Pick<Subscription, 'delivery' | 'listDelivery'>>): Promise<boolean>;
  /** Sets a channel's digest time (the one schedule of the channel, replaced). */
  setDigestSchedule(schedule: DigestSchedule): Promise<void>;
  /** Every channel's digest schedule; of one channel when given. */
  digestSchedules(channel?: Pick<DigestSchedule, 'platform' | 'channelId'>): Promise<DigestSchedule[]>;
  /**
   * Takes the channel's digest for `period` once, in one transaction: when the schedule's last period is before it,
   * the alerts held for the channel are handed to `build`, what it returns is queued (duplicates by dedupe key
   * dropped), the held alerts marked digested and the period recorded. Returns how many messages were queued;
   * 0 also when that period's digest was taken already (by this process or another).
   */
  takeDigest(schedule: Pick<DigestSchedule, 'platform' | 'channelId'>, period: string, now: string, build: (held: OutboxAlert[]) => NewOutboxAlert[]): Promise<number>;
  /** Subscriptions in creation order: of one channel, or all. */
  subscriptions(channel?: Pick<Subscription, 'platform' | 'channelId'>): Promise<Subscription[]>;

  /** Adds a feed; the existing one when its tenant already has its URL. */
  addFeed(feed: NewFeed): Promise<{ feed: Feed; created: boolean }>;
  /** Removes a feed and what it has seen. */
  removeFeed(id: number): Promise<boolean>;
  /** Every feed; with `tenant`, those it sees: the global ones and its own. */
  feeds(tenant?: string): Promise<Feed[]>;
  /**
   * Gives the rows a channel stored before tenancy (its subscriptions, the feeds it added: channelTenant in tenant.ts)
   * to the channel's tenant, now that a command from it names the tenant. Nothing to do: nothing written.
   */
  adoptChannel(platform: string, channelId: string, tenant: string): Promise<void>;
  updateFeed(id: number, state: FeedState): Promise<void>;
  /** Adds to a feed's counts of article pages read and failed (feeds/full-text.ts); `lastError`, when given, replaces the last. */
  countArticlePages(id: number, read: number, failed: number, lastError: string | null): Promise<void>;
  /** Of `keys`, those already recorded as seen for the feed. */
  seenItemKeys(feedId: number, keys: string[]): Promise<Set<string>>;
  /**
   * One poll's outcome, in one transaction: the items marked seen, the alerts they cause put in the
   * outbox (an alert whose dedupe key is there already is dropped), and the feed's new state. With `stories`, an
   * alert about a story its channel already has is merged into that story instead, with every other poll's: one at
   * a time. Alerts are due at `dueAt` (default `now`).
   */
  recordPoll(
    feedId: number,
    itemKeys: string[],
    alerts: NewOutboxAlert[],
    state: FeedState,
    now: string,
    dueAt?: string,
    limited?: Pick<LimitedAlerts, 'summaries' | 'counts'>,
    stories?: StoryMerge,
  ): Promise<void>;
  /**
   * The feed's alert counts of `hour` per channel (alerts/feed-flood.ts). recordPoll stores them with `limited`: the
   * counts replace the hour's, earlier hours are dropped, and each summary replaces its unsent self of the same hour.
   */
  feedAlertCounts(feedId: number, hour: string): Promise<FeedAlertCount[]>;
  /** Makes the pending alerts held until exactly `heldUntil` due at `now`. */
  releaseAlerts(heldUntil: string, now: string): Promise<void>;
  /** Puts alerts in the outbox outside a poll (list changes); duplicates by dedupe key are dropped. */
  enqueueAlerts(alerts: NewOutboxAlert[], now: string): Promise<void>;
  /**
   * Claims up to `limit` alerts due at `now` for `worker`, oldest first: pending ones, and ones
   * another worker claimed before `staleBefore` and never finished (it died). Two workers never
   * claim the same alert. Only the oldest unfinished alert of each channel is claimable, so a
   * channel's alerts are sent in order, one at a time, even across workers. With `latest`: alerts due, or claimed,
   * later than it are claimable too, since no sender stamps a time that far ahead: a clock that has since gone back did.
   */
  claimAlerts(worker: string, limit: number, now: string, staleBefore: string, latest?: string): Promise<OutboxAlert[]>;
  markAlertSent(id: number, now: string): Promise<void>;
  /** Back to pending, to be tried again at `nextAttemptAt`; or 'dead' when it must never be tried again. */
  markAlertFailed(id: number, error: string, nextAttemptAt: string | null): Promise<void>;
  /** Back to pending until `until`, the claim not counted as an attempt: the platform asked to wait (a rate limit). */
  deferAlert(id: number, reason: string, until: string): Promise<void>;
  /** Alerts not yet sent, and the oldest's creation time. */
  outboxDepth(): Promise<{ pending: number; oldest: string | null }>;
  /** Pauses every subscription of a channel the bot can no longer post to. */
  pauseChannel(platform: string, channelId: string, now: string): Promise<void>;
  /** Resumes a paused channel's subscriptions (the bot can post there again); how many were paused. */
  resumeChannel(platform: string, channelId: string): Promise<number>;
  /**
   * Takes lease `name` for `holder`, or renews it, for `ttlMs` from now by the database's clock (one clock for every
   * process): only when it is free, expired or already `holder`'s. True when `holder` holds it now.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /**
   * Records the entities an article of feed `from` named, by token, for the feed's tenant (a token the tenant has
   * stored already is kept), and forgets every mention stored before `forgetBefore` (ISO).
   */
  saveAlertMentions(mentions: AlertMention[], from: Pick<Feed, 'id' | 'tenant'>, forgetBefore: string): Promise<void>;
  alertMention(token: string): Promise<AlertMention | null>;
  /** The entities articles read by the operator's feeds or by `tenant`'s named since `since` (ISO), newest first, `limit` at most. */
  recentMentions(tenant: string, since: string, limit: number): Promise<AlertMention[]>;
  /** Records a channel's verdict; false when it had one for that entity and text already. */
  addVerdict(verdict: NewVerdict): Promise<boolean>;
  /** Verdicts oldest first: of one channel, or all. */
  verdicts(channel?: { platform: string; channelId: string }): Promise<Verdict[]>;
  /** Removes the channel's verdict `id`; false when the channel has none by that id (another channel's is left alone). */
  removeVerdict(channel: { platform: string; channelId: string }, id: number): Promise<boolean>;
  /**
   * Records that a signed request or interaction (`key`: its signature or id) was handled at `now`, forgetting those
   * older than `keepMs`; false when it was handled already (a replay), by this process or another.
   */
  firstRequest(key: string, now: string, keepMs: number): Promise<boolean>;
  /** Gives lease `name` up at once, if `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Leases held now (unexpired, by the database's clock) whose name starts with `prefix`. */
  countLeases(prefix: string): Promise<number>;
  close(): Promise<void>;
}
