// The store's port: what the core asks of the database, whichever dialect serves it.
import type { NewSubscription, Subscription } from '../alerts/subscription.ts';
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
  close(): Promise<void>;
}
