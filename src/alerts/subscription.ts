// A channel's subscription: a country, a program, a list or one entity whose news and list changes it follows.
import { countryName } from '../designations/countries.ts';
import type { Entity } from '../designations/model.ts';

export const SUBSCRIPTION_KINDS = ['country', 'program', 'list', 'entity'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export interface Subscription {
  id: number;
  /** The workspace or server the channel is in (tenant.ts). */
  tenant: string;
  platform: string;
  channelId: string;
  kind: SubscriptionKind;
  /** An ISO 3166 alpha-2 code, a program code as the list writes it, a list id (`un`, `us-uvl`), or an entity id. */
  value: string;
  createdBy: string;
  createdAt: string;
  /** Set when the channel stopped accepting messages; a paused subscription sends nothing. */
  pausedAt: string | null;
  /** At once (the default, also when absent), or gathered into the channel's daily digest. */
  delivery?: Delivery;
  /** For a digest subscription: list changes (designations, delistings) at once (the default, also when absent), or in the digest too. */
  listDelivery?: Delivery;
}

export const DELIVERIES = ['immediate', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** Without `tenant`: the channel's own stand-in (channelTenant in tenant.ts), as rows from before tenancy have. */
export type NewSubscription = Omit<Subscription, 'id' | 'pausedAt' | 'tenant'> & Partial<Pick<Subscription, 'tenant'>>;

/**
 * Whether a channel's alert waits for its digest: only when every subscription that brought it there says digest
 * (one that wants it at once wins), and for a list change only when those also want list changes in the digest.
 */
export function waitsForDigest(why: readonly Subscription[], listChange: boolean): boolean {
  return why.length > 0 && why.every((s) => s.delivery === 'digest' && (!listChange || s.listDelivery === 'digest'));
}

/** Whether an alert about `entity` belongs in the channel that holds `subscription`. */
export function covers(subscription: Pick<Subscription, 'kind' | 'value' | 'pausedAt'>, entity: Entity): boolean {
  if (subscription.pausedAt) return false;
  switch (subscription.kind) {
    case 'country':
      return entity.countries.includes(subscription.value);
    case 'program':
      return entity.programs.includes(subscription.value);
    case 'list':
      return entity.lists.some((l) => l.id === subscription.value);
    case 'entity':
      // An entity on several lists is followed by the id of any of its lists' records.
      return entity.id === subscription.value || (entity.listings?.some((l) => l.id === subscription.value) ?? false);
  }
}

/** One channel and what it follows. */
export interface SubscribedChannel {
  platform: string;
  channelId: string;
  subscriptions: Subscription[];
}

/** The channels that follow anything, each with its active subscriptions; paused ones are left out. */
export function subscribedChannels(subscriptions: readonly Subscription[]): SubscribedChannel[] {
  const channels = new Map<string, SubscribedChannel>();
  for (const s of subscriptions) {
    if (s.pausedAt) continue;
    const key = `${s.platform}\u0000${s.channelId}`;
    const channel = channels.get(key) ?? { platform: s.platform, channelId: s.channelId, subscriptions: [] };
    channel.subscriptions.push(s);
    channels.set(key, channel);
  }
  return [...channels.values()];
}

/** A subscription as a reader says it: `country North Korea (KP)`, `program DPRK3`, `list UN`, `entity SEK STUDIO (ofac-sdn-34022)`. */
export function describeSubscription(s: Pick<Subscription, 'kind' | 'value'>, entityName: (id: string) => string | undefined): string {
  switch (s.kind) {
    case 'country':
      return `country ${countryName(s.value) ?? s.value} (${s.value})`;
    case 'program':
      return `program ${s.value}`;
    case 'list':
      return `list ${s.value.toUpperCase()}`;
    case 'entity': {
      const name = entityName(s.value);
      return name ? `entity ${name} (${s.value})` : `entity ${s.value}`;
    }
  }
}
